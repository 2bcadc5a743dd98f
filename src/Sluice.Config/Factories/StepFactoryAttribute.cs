namespace Sluice.Config.Factories;

/// <summary>
/// Names a step factory: step files select it with <c>step_factory_class: NAME</c>. Classes with this attribute in an
/// assembly listed under <c>factory_assemblies</c> in the shared configuration are registered for the build; without
/// the attribute, <see cref="StepFactoryRegistry.Register{TFactory}"/> uses the class's name.
/// </summary>
/// <param name="name">The name step files use.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StepFactoryAttribute(string name) : Attribute
{
    /// <summary>The name step files use.</summary>
    public string Name { get; } = name;
}
