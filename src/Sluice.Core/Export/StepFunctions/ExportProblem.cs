using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>Something in a definition that the export cannot express, or expresses only approximately.</summary>
/// <param name="StepPath">The step's JSON path in the definition, e.g. <c>Steps[3]</c>; empty for the whole definition.</param>
/// <param name="StepName">The step's name; empty for the whole definition.</param>
/// <param name="MemberPath">The JSON path inside the step, e.g. <c>Arguments.Conditions[0].LeftValue</c>; empty for the whole step.</param>
/// <param name="Message">What cannot be expressed and why.</param>
public sealed record ExportProblem(string StepPath, string StepName, string MemberPath, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = StepName.Length == 0 ? "definition" : $"{StepPath} '{StepName}'";
        return MemberPath.Length == 0 ? $"{where}: {Message}" : $"{where} {MemberPath}: {Message}";
    }
}
