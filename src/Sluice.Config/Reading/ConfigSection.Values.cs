using Sluice.Sdk.Expressions;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Reading;

/// <summary>Values resolved when the step runs: literals, or references to parameters, steps' properties and execution variables.</summary>
public sealed partial class ConfigSection
{
    /// <summary>A value that must be given.</summary>
    /// <param name="key">The key.</param>
    /// <param name="kind">What the value must be.</param>
    /// <returns>The value: a literal, a parameter, a step property, an execution variable, or a <see cref="Join"/>.</returns>
    public PipelineValue Value(string key, ValueKind kind = ValueKind.String) => OptionalValue(key, kind) ?? throw Missing(key);

    /// <summary>A value, when given.</summary>
    /// <param name="key">The key.</param>
    /// <param name="kind">What the value must be.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public PipelineValue? OptionalValue(string key, ValueKind kind = ValueKind.String) =>
        TryGet(key, out var value) ? Resolver.Value(value, PathOf(key), kind) : null;

    /// <summary>A list of values (a single value counts as a list of one); empty when not given.</summary>
    /// <param name="key">The key.</param>
    /// <param name="kind">What each value must be.</param>
    /// <returns>The values, in order.</returns>
    public IReadOnlyList<PipelineValue> Values(string key, ValueKind kind = ValueKind.String) =>
        [.. Items(key).Select(item => Resolver.Value(item.Value, item.Path, kind) ?? throw item.Value.Error(item.Path, "the item is empty"))];

    /// <summary>A mapping of names to values (e.g. an environment), in order; empty when not given.</summary>
    /// <param name="key">The key.</param>
    /// <param name="kind">What each value must be.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyList<KeyValuePair<string, PipelineValue>> ValueMap(string key, ValueKind kind = ValueKind.String) =>
        [.. Entries(key).Select(e => new KeyValuePair<string, PipelineValue>(
            e.Name, Resolver.Value(e.Value, $"{PathOf(key)}.{e.Name}", kind) ?? throw e.Value.Error($"{PathOf(key)}.{e.Name}", "the value is empty")))];

    /// <summary>A step named by its <c>step_name</c>, built first when it is not yet.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The step.</returns>
    public Step Step(string key)
    {
        if (!TryGet(key, out var value))
        {
            throw Missing(key);
        }

        return Resolver.Step(Resolver.Text(value, PathOf(key)), value, PathOf(key));
    }

    /// <summary>Steps named by their <c>step_name</c> (a single name counts as a list of one), built first when they are not yet; empty when not given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The steps, in order.</returns>
    public IReadOnlyList<Step> Steps(string key) =>
        [.. Items(key).Select(item => Resolver.Step(Resolver.Text(item.Value, item.Path), item.Value, item.Path))];
}
