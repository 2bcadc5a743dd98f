using System.Text.Json.Serialization;

namespace Sluice.Core.Artifacts.Local;

/// <summary>The JSON of <see cref="ObjectSidecar"/> and <see cref="UploadRecord"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ObjectSidecar))]
[JsonSerializable(typeof(UploadRecord))]
internal sealed partial class SidecarJson : JsonSerializerContext;
