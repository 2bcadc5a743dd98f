using System.Text.Json.Nodes;

namespace Sluice.Core.Tests.Export.StepFunctions.SideBySide;

/// <summary>
/// Runs every <see cref="SideBySideCases"/> case in Sluice (one after the other; the example's cases share a data
/// directory, so the second and third take the cached steps as <c>sluice run</c> would), then every moto side in one
/// moto process.
/// </summary>
public sealed class SideBySideFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("sluice-sbs-").FullName;

    internal Dictionary<string, (RunOutcome Sluice, RunOutcome Moto, JsonNode MotoResult)> Results { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var runs = new List<(SideBySideCase Case, SluiceRun Run)>();
        foreach (var @case in SideBySideCases.All)
        {
            var data = Path.Combine(_root, @case.Id.Split('/')[0]);
            runs.Add((@case, await SluiceSide.RunAsync(@case, data, CancellationToken.None)));
        }

        var results = MotoStepFunctions.Run(runs.Select(r => MotoSide.Scenario(r.Case, r.Run)));
        for (var i = 0; i < runs.Count; i++)
        {
            Results[runs[i].Case.Id] = (runs[i].Run.Outcome, MotoSide.Outcome(runs[i].Case, results[i]!), results[i]!);
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a job's leftovers may still be going away
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }

        return ValueTask.CompletedTask;
    }
}
