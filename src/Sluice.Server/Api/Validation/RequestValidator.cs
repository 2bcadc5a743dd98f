using System.Text.Json;
using Sluice.Definitions.Shapes;

namespace Sluice.Server.Api.Validation;

/// <summary>
/// Checks a request body against the input shape of its operation, as botocore's service model states it, the way
/// SageMaker and SQS check requests before any handler runs: every required member, length, range, pattern and enum.
/// Clients check only some of these (botocore: required, types, minimums); the server checks all.
/// </summary>
/// <remarks>
/// <para>Violations become one ValidationException in Coral's words, listing up to ten, in order (a structure's
/// missing required members, then its members as the body gives them), e.g.
/// <c>2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null;
/// Value '500' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100</c>.
/// Paths are camelCased members, list items as <c>pipelineParameters.1.member.name</c> and map entries as
/// <c>tags.key.member</c>; a list or map of plain values gets one violation naming every constraint of its items.</para>
/// <para>A value of the wrong JSON type (a string for a number, an object for a list) is a SerializationException,
/// in Coral's words followed by the member's path, e.g. <c>STRING_VALUE can not be converted to an Integer at
/// 'maxResults'</c>; it is reported alone, since Coral reads the body before it validates it.</para>
/// <para>A string that is not Unicode text (raw bytes that are not UTF-8, an escaped lone surrogate), anywhere in the
/// body, is refused first, alone, since no other check can read it (<see cref="TextWalk"/>).</para>
/// <para>Unknown members are ignored and <c>null</c> counts as absent, as in every AWS JSON service. Patterns are the
/// model's Java patterns, translated (<see cref="JavaRegexTranslator"/>) and matched against the whole value.</para>
/// <para>Where this differs from Coral, on purpose: a fractional number for an integer member is refused rather than
/// truncated; a <c>null</c> list item is a violation ("Member must not be null") rather than skipped; a timestamp may
/// also be an ISO 8601 string; a value is echoed up to 4,096 characters.</para>
/// </remarks>
public sealed class RequestValidator
{
    private static readonly Lazy<RequestValidator> Shared = new(() => new RequestValidator(Shapes));

    private static readonly Lazy<ServiceShapes> Embedded = new(
        () => ServiceShapes.Load(typeof(RequestValidator).Assembly, "Sluice.Server.RequestShapes.json"), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ServiceShapes _shapes;

    private RequestValidator(ServiceShapes shapes) => _shapes = shapes;

    /// <summary>The input shapes of every operation the server answers (RequestShapes.json, embedded in this assembly).</summary>
    public static ServiceShapes Shapes => Embedded.Value;

    /// <summary>The validator over the shapes embedded in this assembly (scripts/generate-request-shapes.py writes them).</summary>
    public static RequestValidator Default => Shared.Value;

    /// <summary>Where the shapes came from, e.g. <c>botocore 1.43.11</c>.</summary>
    public string Source => _shapes.Source;

    /// <summary>Whether <paramref name="target"/> (e.g. <c>SageMaker.CreatePipeline</c>) has a modeled input.</summary>
    public bool Knows(string target) => _shapes.InputOf(target) is not null;

    /// <summary>Checks a request body; a target without a modeled input is checked only for text that is not Unicode.</summary>
    /// <param name="target">The <c>X-Amz-Target</c>, e.g. <c>SageMaker.CreatePipeline</c> or <c>AmazonSQS.SendMessage</c>.</param>
    /// <param name="body">The request body.</param>
    /// <exception cref="ApiException">A ValidationException listing what the body violates, or a SerializationException
    /// for a value of the wrong JSON type.</exception>
    public void Validate(string target, JsonElement body)
    {
        var input = _shapes.InputOf(target);
        if (body.ValueKind == JsonValueKind.Object && TextWalk.Run(input, body) is { Count: > 0 } notText)
        {
            throw ApiException.Validation(CoralText.Summary(notText)); // first: nothing below can read such a string
        }

        if (input is null)
        {
            return;
        }

        var violations = RequestWalk.Run(input, body);
        if (violations.Count > 0)
        {
            throw ApiException.Validation(CoralText.Summary(violations));
        }
    }
}
