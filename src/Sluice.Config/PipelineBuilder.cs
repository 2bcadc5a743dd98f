using System.Reflection;
using Sluice.Config.Building;
using Sluice.Config.Factories;
using Sluice.Config.Factories.Assemblies;
using Sluice.Config.Loading;
using Sluice.Config.References;
using Sluice.Config.Shared;
using Sluice.Sdk;

namespace Sluice.Config;

/// <summary>
/// Builds a pipeline from configuration: the loader finds an environment's shared configuration and step files, each
/// step file's <c>step_factory_class</c> is looked up in the table of factories (plus the factories of the assemblies
/// the shared configuration lists), each factory checks its own config model and builds its step, and the steps become
/// a Sluice.Sdk <see cref="Pipeline"/> whose definition the validator accepted. Environments differ only by their
/// configuration.
/// </summary>
/// <example>
/// <code>
/// var built = PipelineBuilder.ForDirectory("config").Build("dev");
/// File.WriteAllText("pipeline.json", built.DefinitionJson);
/// </code>
/// </example>
/// <param name="loader">Where configuration comes from: <see cref="YamlConfigLoader"/>, <see cref="InMemoryConfigLoader"/>, or your own.</param>
/// <param name="factories">The table of factories; <see cref="StepFactoryRegistry.CreateDefault"/> when <see langword="null"/>. It is not changed by builds.</param>
public sealed class PipelineBuilder(IConfigLoader loader, StepFactoryRegistry? factories = null)
{
    /// <summary>Where configuration comes from.</summary>
    public IConfigLoader Loader { get; } = loader;

    /// <summary>The table of factories.</summary>
    public StepFactoryRegistry Factories { get; } = factories ?? StepFactoryRegistry.CreateDefault();

    /// <summary>A builder over a configuration directory (<c>&lt;dir&gt;/&lt;env&gt;/*.yaml</c>).</summary>
    /// <param name="configDirectory">The directory.</param>
    /// <param name="factories">The table of factories; the built-in ones when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static PipelineBuilder ForDirectory(string configDirectory, StepFactoryRegistry? factories = null) =>
        new(new YamlConfigLoader(configDirectory), factories);

    /// <summary>Builds an environment's pipeline.</summary>
    /// <param name="environment">The environment, e.g. <c>dev</c>.</param>
    /// <returns>The pipeline and its definition.</returns>
    /// <exception cref="PipelineConfigException">When the configuration cannot be built; the message names the file, the line and the key.</exception>
    public BuiltPipeline Build(string environment)
    {
        var set = Loader.Load(environment);
        var tree = new SharedTree(set.Shared);
        var shared = SharedConfigReader.Read(set.Shared, set.Environment, tree);
        var table = Factories.Copy();
        foreach (var reference in shared.FactoryAssemblies)
        {
            RegisterAssembly(table, reference);
        }

        var entries = StepEntries.Read(set.Steps, tree, table);
        var session = new BuildSession(shared, tree, entries, table);
        session.BuildAll();
        var pipeline = new Pipeline(shared.PipelineName)
        {
            Parameters = [.. shared.Parameters],
            Steps = Branches.TopLevel(session.Order, entries),
            Session = shared.Session,
        };
        var (definition, warnings) = DefinitionCheck.Write(pipeline, shared, entries);
        return new BuiltPipeline(pipeline, shared, definition, warnings);
    }

    private static void RegisterAssembly(StepFactoryRegistry table, FactoryAssemblyReference reference)
    {
        Assembly assembly;
        try
        {
            assembly = FactoryAssemblyLoader.Load(reference.Path);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException)
        {
            throw new PipelineConfigException(reference.File, reference.Line, "factory_assemblies", $"cannot load '{reference.Path}': {e.Message}");
        }

        IReadOnlyList<string> names;
        try
        {
            names = table.RegisterAssembly(assembly);
        }
        catch (Exception e) when (e is ArgumentException or ReflectionTypeLoadException or TypeLoadException or IOException)
        {
            throw new PipelineConfigException(reference.File, reference.Line, "factory_assemblies", $"cannot register the factories of '{reference.Path}': {e.Message}");
        }

        if (names.Count == 0)
        {
            throw new PipelineConfigException(reference.File, reference.Line, "factory_assemblies",
                $"'{reference.Path}' has no public class with a [StepFactory(\"name\")] attribute");
        }
    }
}
