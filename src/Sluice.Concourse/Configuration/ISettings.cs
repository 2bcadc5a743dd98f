using System.Text.Json;

namespace Sluice.Concourse.Configuration;

/// <summary>Settings read from a JSON object whose keys are checked: any key the type does not know is collected here.</summary>
internal interface ISettings
{
    /// <summary>Keys that match no member, with their values.</summary>
    Dictionary<string, JsonElement>? UnknownKeys { get; }
}
