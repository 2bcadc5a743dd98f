using System.Text.Json;

namespace Sluice.Definitions.Expressions;

/// <summary>
/// A value in a pipeline definition that may be computed when the pipeline runs: a literal, a
/// <c>{"Get": ...}</c> reference, or one of the <c>Std:</c> functions.
/// </summary>
public abstract record PipelineExpression
{
    /// <summary>Every <c>Get</c> inside this expression, nested functions included, in document order.</summary>
    public abstract IEnumerable<GetExpression> Gets();

    /// <summary>Every reference inside this expression, nested functions included, in document order.</summary>
    public IEnumerable<Reference> References() => Gets().Select(g => g.Reference);
}

/// <summary>A JSON value taken as it is written.</summary>
/// <param name="Value">The value; <c>default</c> (<see cref="JsonValueKind.Undefined"/>) for an absent or malformed one.</param>
public sealed record LiteralExpression(JsonElement Value) : PipelineExpression
{
    /// <inheritdoc />
    public override IEnumerable<GetExpression> Gets() => [];
}

/// <summary><c>{"Get": "Parameters.X"}</c>, <c>{"Get": "Steps.S.Path"}</c> and the other reference forms.</summary>
/// <param name="Reference">What the expression reads.</param>
/// <param name="MemberPath">Where the <c>Get</c> stands, relative to the element that owns it.</param>
public sealed record GetExpression(Reference Reference, string MemberPath) : PipelineExpression
{
    /// <inheritdoc />
    public override IEnumerable<GetExpression> Gets() => [this];
}

/// <summary><c>{"Std:Join": {"On": "/", "Values": [...]}}</c>: the values, stringified, joined with a separator.</summary>
/// <param name="On">The separator.</param>
/// <param name="Values">The values to join.</param>
public sealed record JoinExpression(PipelineExpression On, IReadOnlyList<PipelineExpression> Values) : PipelineExpression
{
    /// <inheritdoc />
    public override IEnumerable<GetExpression> Gets() => On.Gets().Concat(Values.SelectMany(v => v.Gets()));
}

/// <summary>
/// <c>{"Std:JsonGet": {"PropertyFile": ..., "Path": "a.b[0]"}}</c> or <c>{"Std:JsonGet": {"S3Uri": ..., "Path": ...}}</c>:
/// a value read from a JSON document produced by a step.
/// </summary>
/// <param name="PropertyFile">The property file reference (<c>Steps.S.PropertyFiles.Name</c>), when the document is a property file.</param>
/// <param name="S3Uri">The document's S3 URI, when it is read by location.</param>
/// <param name="Path">The JSON path inside the document.</param>
public sealed record JsonGetExpression(PipelineExpression? PropertyFile, PipelineExpression? S3Uri, PipelineExpression Path) : PipelineExpression
{
    /// <inheritdoc />
    public override IEnumerable<GetExpression> Gets() =>
        (PropertyFile?.Gets() ?? []).Concat(S3Uri?.Gets() ?? []).Concat(Path.Gets());
}
