namespace Sluice.Core.Tests.Export.StepFunctions.SideBySide;

/// <summary>What one run did, in terms both Sluice and Step Functions can be read in.</summary>
/// <param name="Status">Succeeded, Failed or Stopped.</param>
/// <param name="FailMessage">The message of the Fail step that ended the run, when one did.</param>
/// <param name="Executed">The steps that ran, in name order.</param>
/// <param name="Outcomes">Each Condition step that ran and the branch it took (<c>Name=True</c>), in name order.</param>
internal sealed record RunOutcome(string Status, string? FailMessage, IReadOnlyList<string> Executed, IReadOnlyList<string> Outcomes)
{
    /// <summary>The outcome as one line for assertion messages.</summary>
    public override string ToString() =>
        $"{Status} fail=[{FailMessage}] executed=[{string.Join(", ", Executed)}] outcomes=[{string.Join(", ", Outcomes)}]";
}
