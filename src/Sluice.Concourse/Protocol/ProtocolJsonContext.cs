using System.Text.Json;
using System.Text.Json.Serialization;
using Sluice.Concourse.Configuration;
using Sluice.Concourse.Get;
using Sluice.Concourse.Put;

namespace Sluice.Concourse.Protocol;

/// <summary>Source-generated JSON for what Concourse sends and reads: snake_case keys, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ResourceRequest))]
[JsonSerializable(typeof(SourceSettings))]
[JsonSerializable(typeof(GetParams))]
[JsonSerializable(typeof(PutParams))]
[JsonSerializable(typeof(ExecutionVersion))]
[JsonSerializable(typeof(IReadOnlyList<ExecutionVersion>))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
