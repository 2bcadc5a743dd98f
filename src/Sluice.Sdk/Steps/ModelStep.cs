using Sluice.Sdk.Expressions;
using Sluice.Sdk.Models;

namespace Sluice.Sdk.Steps;

/// <summary>
/// Model steps named as the Python SDK's <c>ModelStep</c> names them: <c>&lt;name&gt;-CreateModel</c> for
/// <c>model.create()</c> and <c>&lt;name&gt;-RegisterModel</c> for <c>model.register()</c>.
/// </summary>
public static class ModelStep
{
    /// <summary>A step that creates <paramref name="model"/>, named <c>&lt;name&gt;-CreateModel</c>.</summary>
    /// <param name="name">The name the step's name starts with.</param>
    /// <param name="model">The model.</param>
    /// <returns>The step.</returns>
    public static CreateModelStep Create(string name, Model model) => new($"{name}-CreateModel", model);

    /// <summary>A step that registers <paramref name="model"/> in a model package group, named <c>&lt;name&gt;-RegisterModel</c>.</summary>
    /// <param name="name">The name the step's name starts with.</param>
    /// <param name="model">The model.</param>
    /// <param name="modelPackageGroupName">The model package group.</param>
    /// <returns>The step; set its content types, instance types, metrics and approval status as needed.</returns>
    public static RegisterModelStep Register(string name, Model model, PipelineValue modelPackageGroupName) =>
        new($"{name}-RegisterModel") { Models = { model }, ModelPackageGroupName = modelPackageGroupName };
}
