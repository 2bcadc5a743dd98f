namespace Sluice.Definitions.Expressions;

/// <summary>A condition of a Condition step. A step's <c>Conditions</c> list is AND-ed.</summary>
public abstract record PipelineCondition
{
    /// <summary>Every <c>Get</c> inside this condition, in document order.</summary>
    public abstract IEnumerable<GetExpression> Gets();

    /// <summary>Every reference inside this condition, in document order.</summary>
    public IEnumerable<Reference> References() => Gets().Select(g => g.Reference);
}

/// <summary>The binary comparison operators a condition may use.</summary>
public enum ComparisonOperator
{
    /// <summary><c>Equals</c>.</summary>
    Equals,

    /// <summary><c>GreaterThan</c>.</summary>
    GreaterThan,

    /// <summary><c>GreaterThanOrEqualTo</c>.</summary>
    GreaterThanOrEqualTo,

    /// <summary><c>LessThan</c>.</summary>
    LessThan,

    /// <summary><c>LessThanOrEqualTo</c>.</summary>
    LessThanOrEqualTo,
}

/// <summary><c>{"Type": "GreaterThan", "LeftValue": ..., "RightValue": ...}</c> and the other comparisons.</summary>
/// <param name="Operator">The comparison.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
public sealed record ComparisonCondition(ComparisonOperator Operator, PipelineExpression Left, PipelineExpression Right) : PipelineCondition
{
    /// <inheritdoc />
    public override IEnumerable<GetExpression> Gets() => Left.Gets().Concat(Right.Gets());
}

/// <summary><c>{"Type": "In", "QueryValue": ..., "Values": [...]}</c>: true when the query value equals one of the values.</summary>
/// <param name="Query">The value looked for.</param>
/// <param name="Values">The candidates.</param>
public sealed record InCondition(PipelineExpression Query, IReadOnlyList<PipelineExpression> Values) : PipelineCondition
{
    /// <inheritdoc />
    public override IEnumerable<GetExpression> Gets() => Query.Gets().Concat(Values.SelectMany(v => v.Gets()));
}

/// <summary><c>{"Type": "Not", "Condition": {...}}</c>.</summary>
/// <param name="Inner">The negated condition.</param>
public sealed record NotCondition(PipelineCondition Inner) : PipelineCondition
{
    /// <inheritdoc />
    public override IEnumerable<GetExpression> Gets() => Inner.Gets();
}

/// <summary><c>{"Type": "Or", "Conditions": [...]}</c>: true when any of the conditions is.</summary>
/// <param name="Conditions">The alternatives.</param>
public sealed record OrCondition(IReadOnlyList<PipelineCondition> Conditions) : PipelineCondition
{
    /// <inheritdoc />
    public override IEnumerable<GetExpression> Gets() => Conditions.SelectMany(c => c.Gets());
}
