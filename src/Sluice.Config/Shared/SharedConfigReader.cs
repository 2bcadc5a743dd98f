using System.Globalization;
using Sluice.Config.Loading;
using Sluice.Config.Reading;
using Sluice.Config.References;
using Sluice.Definitions;
using Sluice.Sdk.Parameters;

namespace Sluice.Config.Shared;

/// <summary>Reads <c>shared_config.yaml</c> into a <see cref="SharedConfig"/>.</summary>
internal static class SharedConfigReader
{
    private static readonly string[] ParameterTypes = ["String", "Integer", "Float", "Boolean"];

    public static SharedConfig Read(ConfigFile file, string environment, SharedTree tree)
    {
        // Parameters are declared first; the rest of the file may reference them (defaults: ${parameters.X}).
        var declarations = new ReadContext(new ValueResolver(tree, parameters: null, steps: null));
        var root = new ConfigSection(new Located(file.Root, file, null), string.Empty, declarations);
        var (parameters, parameterLines) = ReadParameters(root);
        var byName = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var rest = new ReadContext(new ValueResolver(tree, byName, steps: null));

        var projectName = root.Text("project_name");
        var shared = new SharedConfig
        {
            File = file.Path,
            Environment = environment,
            ProjectName = projectName,
            ProjectVersion = root.OptionalText("project_version"),
            PipelineName = root.OptionalText("pipeline_name") ?? projectName,
            Description = root.OptionalText("description"),
            Region = root.OptionalText("region"),
            Bucket = root.OptionalText("bucket"),
            BucketPrefix = root.OptionalText("bucket_prefix"),
            RoleArn = root.OptionalText("role_arn"),
            Tags = root.TextMap("tags"),
            Defaults = root.Find("defaults") is { } defaults ? ReadDefaults(new ConfigSection(defaults, "defaults", rest)) : new SharedDefaults(),
            Parameters = parameters,
            ParameterLines = parameterLines,
            FactoryAssemblies = [.. root.TextsWithLines("factory_assemblies").Select(a => new FactoryAssemblyReference(
                Path.GetFullPath(a.Text, Path.GetFullPath(Path.GetDirectoryName(file.Path) is { Length: > 0 } folder ? folder : ".")), file.Path, a.Line))],
            KeyLines = file.Root.Children
                .Where(c => c.Key is YamlDotNet.RepresentationModel.YamlScalarNode { Value: not null })
                .ToDictionary(c => ((YamlDotNet.RepresentationModel.YamlScalarNode)c.Key).Value!, c => (int)c.Key.Start.Line, StringComparer.Ordinal),
        };

        // Anything steps share lives under values, read through ${shared.values...}.
        root.Has("values");
        declarations.RejectUnknownKeys();
        rest.RejectUnknownKeys();
        return shared;
    }

    private static SharedDefaults ReadDefaults(ConfigSection defaults) => new()
    {
        ImageUri = defaults.OptionalValue("image_uri"),
        InstanceType = defaults.OptionalValue("instance_type"),
        InstanceCount = defaults.OptionalValue("instance_count", ValueKind.Integer),
        VolumeSizeInGB = defaults.OptionalValue("volume_size_in_gb", ValueKind.Integer),
        MaxRuntimeInSeconds = defaults.OptionalValue("max_runtime_in_seconds", ValueKind.Integer),
    };

    private static (List<Parameter> Parameters, Dictionary<string, int> Lines) ReadParameters(ConfigSection root)
    {
        var parameters = new List<Parameter>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var declaration in root.Sections("parameters"))
        {
            var name = declaration.Text("name");
            if (lines.TryGetValue(name, out var first))
            {
                throw declaration.Error("name", string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' is already declared on line {first}"));
            }

            var type = declaration.Text("type");
            var hasEnum = declaration.Has("enum");
            if (hasEnum && type != "String")
            {
                throw declaration.Error("enum", $"only String parameters have enum values; '{name}' is a {type} parameter");
            }

            Parameter parameter = type switch
            {
                "String" => new ParameterString(name, declaration.OptionalText("default"), hasEnum ? declaration.Texts("enum") : null),
                "Integer" => new ParameterInteger(name, ReadLong(declaration)),
                "Float" => new ParameterFloat(name, declaration.OptionalFloat("default")),
                "Boolean" => new ParameterBoolean(name, declaration.OptionalBoolean("default")),
                _ => throw declaration.Error("type", $"unknown parameter type '{type}'{Spelling.Hint(type, ParameterTypes)}; types: {string.Join(", ", ParameterTypes)}"),
            };
            parameters.Add(parameter);
            lines[name] = declaration.Line;
        }

        return (parameters, lines);
    }

    private static long? ReadLong(ConfigSection declaration)
    {
        if (declaration.OptionalText("default") is not { } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw declaration.Error("default", $"expected an integer, not '{text}'");
    }
}
