using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Sluice.Sdk.Conditions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Expressions;

/// <summary>
/// A value in a step's arguments: a literal (a string, a number, a Boolean, or any JSON) or a
/// <see cref="PipelineVariable"/> that SageMaker resolves when the step runs (a parameter, a step property, an
/// execution variable, <see cref="Join"/>, <see cref="JsonGet"/>). Literals convert implicitly, so
/// <c>"ml.m5.large"</c>, <c>1</c>, <c>0.5</c> and <c>true</c> can be written wherever a value is expected.
/// </summary>
/// <remarks>
/// The comparison operators build conditions, as the Python SDK's condition classes do:
/// <c>jsonGet &lt;= threshold</c> is <c>new ConditionLessThanOrEqualTo(jsonGet, threshold)</c>.
/// </remarks>
public abstract class PipelineValue
{
    private protected PipelineValue()
    {
    }

    /// <summary>A string literal.</summary>
    /// <param name="value">The text; <see langword="null"/> gives <see langword="null"/>.</param>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator PipelineValue?(string? value) => value is null ? null : new PipelineLiteral(JsonValue.Create(value));

    /// <summary>An integer literal.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator PipelineValue(int value) => new PipelineLiteral(JsonValue.Create(value));

    /// <summary>An integer literal.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator PipelineValue(long value) => new PipelineLiteral(JsonValue.Create(value));

    /// <summary>A floating-point literal, written as Python writes floats (<c>6.0</c>, <c>1e-05</c>).</summary>
    /// <param name="value">The number.</param>
    public static implicit operator PipelineValue(double value) => new PipelineLiteral(JsonValue.Create(value));

    /// <summary>A Boolean literal.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator PipelineValue(bool value) => new PipelineLiteral(JsonValue.Create(value));

    /// <summary><c>left &gt; right</c>: a <see cref="ConditionGreaterThan"/>.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>The condition.</returns>
    public static Condition operator >(PipelineValue left, PipelineValue right) => new ConditionGreaterThan(left, right);

    /// <summary><c>left &lt; right</c>: a <see cref="ConditionLessThan"/>.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>The condition.</returns>
    public static Condition operator <(PipelineValue left, PipelineValue right) => new ConditionLessThan(left, right);

    /// <summary><c>left &gt;= right</c>: a <see cref="ConditionGreaterThanOrEqualTo"/>.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>The condition.</returns>
    public static Condition operator >=(PipelineValue left, PipelineValue right) => new ConditionGreaterThanOrEqualTo(left, right);

    /// <summary><c>left &lt;= right</c>: a <see cref="ConditionLessThanOrEqualTo"/>.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>The condition.</returns>
    public static Condition operator <=(PipelineValue left, PipelineValue right) => new ConditionLessThanOrEqualTo(left, right);

    /// <summary>Any JSON as a literal value, written as it is (e.g. a nested object for a Lambda step's inputs).</summary>
    /// <param name="json">The JSON; it is copied.</param>
    /// <returns>The literal.</returns>
    public static PipelineValue FromJson(JsonNode? json) => new PipelineLiteral(json?.DeepClone());

    /// <summary>A condition that this value equals <paramref name="other"/>: a <see cref="ConditionEquals"/>.</summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns>The condition.</returns>
    public Condition EqualTo(PipelineValue other) => new ConditionEquals(this, other);

    /// <summary>A condition that this value is one of <paramref name="values"/>: a <see cref="ConditionIn"/>.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The condition.</returns>
    public Condition In(params IEnumerable<PipelineValue> values) => new ConditionIn(this, values);

    /// <summary>The JSON this value is written as in a definition: the literal, or the expression.</summary>
    /// <returns>A new JSON tree.</returns>
    public JsonNode? ToJson() => Write(BuildContext.Detached);

    /// <summary>Writes the value, telling <paramref name="context"/> which steps it reads from.</summary>
    internal abstract JsonNode? Write(BuildContext context);
}
