using System.Text.Json.Serialization;

namespace Sluice.Definitions.Json;

/// <summary>Source-generated JSON serialization for the values the definition language makes itself.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class DefinitionsJsonContext : JsonSerializerContext;
