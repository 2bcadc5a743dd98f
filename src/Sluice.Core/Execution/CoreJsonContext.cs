using System.Text.Json.Serialization;

namespace Sluice.Core.Execution;

/// <summary>Source-generated JSON serialization for the core library's own payloads.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<Dictionary<string, string>>))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
