namespace Sluice.Core.Tests.Export.StepFunctions.Asl;

/// <summary>What asl-validator said of one machine.</summary>
/// <param name="Name">The machine's name in the batch.</param>
/// <param name="Valid">Whether asl-validator found no error.</param>
/// <param name="Errors">Each error as <c>CODE: message</c>.</param>
internal sealed record AslResult(string Name, bool Valid, IReadOnlyList<string> Errors)
{
    /// <summary>The machine and its errors, for assertion messages.</summary>
    public override string ToString() => Name + ": " + string.Join("; ", Errors);
}
