namespace Sluice.Definitions.Expressions;

/// <summary>An expression found inside a step or another element, with the path where it stands.</summary>
/// <param name="MemberPath">The path of the expression relative to its owner, e.g. <c>Arguments.ProcessingInputs[0].S3Input.S3Uri</c>.</param>
/// <param name="Expression">The parsed expression.</param>
public sealed record ExpressionSite(string MemberPath, PipelineExpression Expression);
