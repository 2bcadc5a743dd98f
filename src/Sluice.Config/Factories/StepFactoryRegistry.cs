using System.Reflection;
using Sluice.Config.Factories.Callbacks;
using Sluice.Config.Factories.Conditions;
using Sluice.Config.Factories.Models;
using Sluice.Config.Factories.Processing;
using Sluice.Config.Factories.Training;
using Sluice.Config.Factories.Transform;
using Sluice.Config.Factories.Tuning;

namespace Sluice.Config.Factories;

/// <summary>
/// The table that maps the names step files give in <c>step_factory_class</c> to step factories. Give your own to
/// <see cref="PipelineBuilder"/> to add factories or replace built-in ones; <see cref="CreateDefault"/> holds the
/// built-in factories.
/// </summary>
public sealed class StepFactoryRegistry
{
    private readonly Dictionary<string, Func<IStepFactory>> _factories = new(StringComparer.Ordinal);

    /// <summary>The registered names, in ordinal order.</summary>
    public IReadOnlyList<string> Names => [.. _factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A table with the built-in factories, each under its class name: Processing, FrameworkProcessing, Training, Transform, Tuning, Model, RegisterModel, Condition, Fail, Lambda and Callback.</summary>
    /// <returns>A new table.</returns>
    public static StepFactoryRegistry CreateDefault() => new StepFactoryRegistry()
        .Register<ProcessingStepFactory>()
        .Register<FrameworkProcessingStepFactory>()
        .Register<TrainingStepFactory>()
        .Register<TransformStepFactory>()
        .Register<TuningStepFactory>()
        .Register<ModelStepFactory>()
        .Register<RegisterModelStepFactory>()
        .Register<ConditionStepFactory>()
        .Register<FailStepFactory>()
        .Register<LambdaStepFactory>()
        .Register<CallbackStepFactory>();

    /// <summary>The name a factory class is registered under: its <see cref="StepFactoryAttribute"/>'s, else the class's name.</summary>
    /// <param name="factoryType">The factory class.</param>
    /// <returns>The name.</returns>
    public static string NameOf(Type factoryType) => factoryType.GetCustomAttribute<StepFactoryAttribute>()?.Name ?? factoryType.Name;

    /// <summary>Whether a name is registered.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>Registers a factory under a name; each step that names it gets a new factory from <paramref name="create"/>.</summary>
    /// <param name="name">The name step files use.</param>
    /// <param name="create">Makes a factory.</param>
    /// <returns>This table, to register more.</returns>
    /// <exception cref="ArgumentException">When the name is taken (<see cref="Remove"/> it first to replace it).</exception>
    public StepFactoryRegistry Register(string name, Func<IStepFactory> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_factories.TryAdd(name, create))
        {
            throw new ArgumentException($"a step factory is already registered as '{name}'; remove it first to replace it", nameof(name));
        }

        return this;
    }

    /// <summary>Registers a factory class under its <see cref="StepFactoryAttribute"/> name, else its class name.</summary>
    /// <typeparam name="TFactory">The factory class.</typeparam>
    /// <returns>This table, to register more.</returns>
    /// <exception cref="ArgumentException">When the name is taken.</exception>
    public StepFactoryRegistry Register<TFactory>()
        where TFactory : IStepFactory, new() => Register(NameOf(typeof(TFactory)), () => new TFactory());

    /// <summary>Registers a factory class, given as a type, under its <see cref="StepFactoryAttribute"/> name, else its class name.</summary>
    /// <param name="factoryType">A public class that implements <see cref="IStepFactory"/> and has a public parameterless constructor.</param>
    /// <returns>This table, to register more.</returns>
    /// <exception cref="ArgumentException">When the type is not such a class, or the name is taken.</exception>
    public StepFactoryRegistry Register(Type factoryType)
    {
        if (!typeof(IStepFactory).IsAssignableFrom(factoryType) || factoryType.IsAbstract || factoryType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException(
                $"'{factoryType.FullName}' is not a step factory: it must be a class that implements IStepFactory with a public parameterless constructor",
                nameof(factoryType));
        }

        return Register(NameOf(factoryType), () => (IStepFactory)Activator.CreateInstance(factoryType)!);
    }

    /// <summary>Registers every public class of an assembly that has a <see cref="StepFactoryAttribute"/>.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>The names registered.</returns>
    /// <exception cref="ArgumentException">When a name is taken or an attributed class is not a step factory.</exception>
    public IReadOnlyList<string> RegisterAssembly(Assembly assembly)
    {
        var names = new List<string>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.IsClass && t.GetCustomAttribute<StepFactoryAttribute>() is not null))
        {
            Register(type);
            names.Add(NameOf(type));
        }

        return names;
    }

    /// <summary>Removes a name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it was registered.</returns>
    public bool Remove(string name) => _factories.Remove(name);

    /// <summary>A copy of the table, to add to without changing this one.</summary>
    /// <returns>The copy.</returns>
    public StepFactoryRegistry Copy()
    {
        var copy = new StepFactoryRegistry();
        foreach (var (name, create) in _factories)
        {
            copy._factories[name] = create;
        }

        return copy;
    }

    /// <summary>A new factory registered under a name, or <see langword="null"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The factory.</returns>
    public IStepFactory? Create(string name) => _factories.TryGetValue(name, out var create) ? create() : null;
}
