using System.Text.Json;
using Sluice.Definitions.Expressions;

namespace Sluice.Definitions;

/// <summary>
/// One step of a pipeline definition, top-level or nested in a Condition step's branch. The typed members are read
/// from <see cref="Source"/>, which stays the authority: members Sluice does not model are kept there untouched.
/// </summary>
public sealed class StepDefinition
{
    /// <summary>The step's JSON path, e.g. <c>Steps[2]</c> or <c>Steps[4].Arguments.IfSteps[0]</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The step's <c>Name</c>; empty when missing.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>Type</c> as written.</summary>
    public required string TypeName { get; init; }

    /// <summary>The step type; <see cref="StepType.Unknown"/> when <see cref="TypeName"/> is not one SageMaker defines.</summary>
    public required StepType Type { get; init; }

    /// <summary>The step's JSON object as read.</summary>
    public required JsonElement Source { get; init; }

    /// <summary>The <c>Arguments</c> member: a Create*Job request for job steps, the event for Lambda, and so on; <see langword="null"/> when absent.</summary>
    public JsonElement? Arguments => Source.Member("Arguments");

    /// <summary>The Condition step this step is nested in, if any.</summary>
    public StepDefinition? Parent { get; init; }

    /// <summary>The branch of <see cref="Parent"/> this step is in, if any.</summary>
    public ConditionBranch? Branch { get; init; }

    /// <summary>The names in <c>DependsOn</c>.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The <c>DisplayName</c>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The <c>Description</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The <c>CacheConfig</c>, when present and well formed.</summary>
    public CacheConfig? CacheConfig { get; init; }

    /// <summary>The well-formed entries of <c>RetryPolicies</c>.</summary>
    public IReadOnlyList<RetryPolicy> RetryPolicies { get; init; } = [];

    /// <summary>A Processing step's <c>PropertyFiles</c>.</summary>
    public IReadOnlyList<PropertyFileDefinition> PropertyFiles { get; init; } = [];

    /// <summary>A Lambda or Callback step's <c>OutputParameters</c>.</summary>
    public IReadOnlyList<OutputParameterDefinition> OutputParameters { get; init; } = [];

    /// <summary>A Lambda step's <c>FunctionArn</c>.</summary>
    public string? FunctionArn { get; init; }

    /// <summary>A Callback step's <c>SqsQueueUrl</c>.</summary>
    public string? SqsQueueUrl { get; init; }

    /// <summary>A Condition step's conditions, AND-ed.</summary>
    public IReadOnlyList<PipelineCondition> Conditions { get; init; } = [];

    /// <summary>A Condition step's <c>IfSteps</c>.</summary>
    public IReadOnlyList<StepDefinition> IfSteps { get; init; } = [];

    /// <summary>A Condition step's <c>ElseSteps</c>.</summary>
    public IReadOnlyList<StepDefinition> ElseSteps { get; init; } = [];

    /// <summary>A Fail step's <c>ErrorMessage</c>.</summary>
    public PipelineExpression? ErrorMessage { get; init; }

    /// <summary>
    /// Every expression that belongs to this step (not to its nested steps), with its path relative to the step:
    /// those in Arguments, in condition operands and in the Fail message.
    /// </summary>
    public IReadOnlyList<ExpressionSite> Expressions { get; init; } = [];

    /// <summary>The steps nested directly in this Condition step, If branch first.</summary>
    public IEnumerable<StepDefinition> NestedSteps => IfSteps.Concat(ElseSteps);

    /// <inheritdoc />
    public override string ToString() => $"{Path} '{Name}' ({TypeName})";
}
