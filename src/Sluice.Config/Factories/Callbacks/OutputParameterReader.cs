using Sluice.Config.Reading;
using Sluice.Definitions;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Callbacks;

/// <summary>Reads <c>outputs</c> of Lambda and Callback steps: a list of <c>{name, type}</c>, the type <c>String</c> (default), <c>Integer</c>, <c>Boolean</c> or <c>Float</c>.</summary>
internal static class OutputParameterReader
{
    public static List<OutputParameter> Read(ConfigSection section) =>
        [.. section.Sections("outputs").Select(output =>
        {
            var type = output.OptionalText("type") ?? nameof(OutputParameterType.String);
            return Enum.TryParse<OutputParameterType>(type, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
                ? new OutputParameter(output.Text("name"), parsed)
                : throw output.Error("type", $"unknown output type '{type}'{Spelling.Hint(type, Enum.GetNames<OutputParameterType>())}; types: {string.Join(", ", Enum.GetNames<OutputParameterType>())}");
        })];
}
