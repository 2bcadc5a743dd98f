using System.Text.Json.Serialization;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;

namespace Sluice.Concourse.Get;

/// <summary>
/// Source-generated JSON for the files a get writes: SageMaker's member names, nulls omitted, indented, and times as
/// ISO 8601 (not the wire's epoch seconds), so <c>jq</c> and people can read them.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(DescribePipelineExecutionResponse))]
[JsonSerializable(typeof(IReadOnlyList<PipelineExecutionStep>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class FilesJsonContext : JsonSerializerContext;
