using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sluice.Definitions;
using Sluice.Definitions.Graph.Rendering;
using Sluice.Core.Jobs;
using Sluice.Core.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Validation;

/// <summary>
/// Real definitions (the SDK fixtures, the diabetes example, the test pipeline) mutated at random: validation must
/// always answer, with a code and a path for every problem, and a definition it accepts must never place a LocalPath
/// outside its root. SLUICE_FUZZ_SEED replays a run; a failure prints the seed of its case and the input.
/// </summary>
public sealed partial class DefinitionFuzzTests
{
    private const int Cases = 1_500;

    /// <summary>Codes whose diagnostics are about the whole text, so they have no path.</summary>
    private static readonly string[] DocumentCodes = [DiagnosticCodes.NotJson, DiagnosticCodes.NotAnObject, DiagnosticCodes.TooLarge];

    [Fact]
    public void Validate_MutatedDefinitions_AlwaysAnswersWithCodedPlacedDiagnostics()
    {
        var seed = Environment.GetEnvironmentVariable("SLUICE_FUZZ_SEED") is { } given ? int.Parse(given, CultureInfo.InvariantCulture) : 1_212;
        var corpus = Corpus();
        var job = Directory.CreateTempSubdirectory("sluice-fuzz-job-").FullName;
        try
        {
            var valid = 0;
            for (var i = 0; i < Cases; i++)
            {
                var caseSeed = seed + i;
                var random = new Random(caseSeed);
                var (name, text) = corpus[random.Next(corpus.Count)];
                var mutator = new DefinitionMutator(random);
                var bytes = Array.Empty<byte>();
                try
                {
                    bytes = mutator.Mutate(JsonNode.Parse(text)!.AsObject());
                    valid += Check(bytes, job) ? 1 : 0;
                }
                catch (Exception e)
                {
                    Assert.Fail(Describe(caseSeed, name, mutator, bytes, e));
                }
            }

            // The mutations must leave some definitions valid, or the LocalPath property is never exercised.
            valid.ShouldBeGreaterThan(Cases / 20, $"only {valid} of {Cases} mutated definitions were valid (seed {seed})");
        }
        finally
        {
            Directory.Delete(job, recursive: true);
        }
    }

    /// <summary>Validates one input and checks what came back; returns whether the definition was valid.</summary>
    private static bool Check(byte[] bytes, string job)
    {
        var result = DefinitionValidator.Validate(bytes);
        result.ShouldNotBeNull();
        foreach (var diagnostic in result.Diagnostics)
        {
            CodePattern().IsMatch(diagnostic.Code).ShouldBeTrue($"code '{diagnostic.Code}'");
            diagnostic.Message.ShouldNotBeNullOrWhiteSpace();
            if (Array.IndexOf(DocumentCodes, diagnostic.Code) < 0)
            {
                diagnostic.Path.ShouldNotBeNullOrEmpty($"{diagnostic.Code} has no path: {diagnostic}");
            }

            // What the CLI and the server do with a diagnostic: print it, write it as JSON.
            _ = diagnostic.ToString();
            _ = JsonSerializer.Serialize(diagnostic.Message, Sluice.Core.CoreJsonContext.Default.String);
        }

        _ = JsonLocator.For(bytes, result.Diagnostics.Select(d => d.Path)).Find(result.Diagnostics.Count > 0 ? result.Diagnostics[0].Path : string.Empty);
        if (result.Graph is { } graph)
        {
            _ = GraphWriter.Write(graph, GraphFormat.Json);
        }

        if (!result.IsValid)
        {
            return false;
        }

        foreach (var step in result.Definition!.AllSteps)
        {
            CheckLocalPaths(step, job);
        }

        return true;
    }

    /// <summary>Every literal LocalPath of a valid definition resolves, as the runners resolve it, below the job's folder.</summary>
    private static void CheckLocalPaths(StepDefinition step, string job)
    {
        var root = step.Type is StepType.Processing or StepType.QualityCheck or StepType.ClarifyCheck ? SandboxPaths.ProcessingRoot : SandboxPaths.MlRoot;
        foreach (var localPath in LiteralLocalPaths(step.Arguments))
        {
            var host = SandboxPaths.Resolve(job, localPath, root);
            Path.GetFullPath(host).ShouldStartWith(Path.GetFullPath(job) + Path.DirectorySeparatorChar);
        }
    }

    private static IEnumerable<string> LiteralLocalPaths(JsonElement? node)
    {
        switch (node?.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in node.Value.EnumerateObject())
                {
                    if (member.NameEquals("LocalPath") && member.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return member.Value.GetString()!;
                    }

                    foreach (var path in LiteralLocalPaths(member.Value))
                    {
                        yield return path;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.Value.EnumerateArray())
                {
                    foreach (var path in LiteralLocalPaths(item))
                    {
                        yield return path;
                    }
                }

                break;
        }
    }

    private static List<(string Name, string Text)> Corpus()
    {
        var corpus = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        corpus.Add(("examples/diabetes/pipeline.json", File.ReadAllText(Path.Combine(RepoRoot(), "examples", "diabetes", "pipeline.json"))));
        corpus.Add(("TestDefinitions.Pipeline", TestDefinitions.Pipeline().ToJsonString()));
        return corpus;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Sluice.slnx) was not found above the test output.");
    }

    private static string Describe(int caseSeed, string name, DefinitionMutator mutator, byte[] bytes, Exception e)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sluice-fuzz-{caseSeed}.json");
        File.WriteAllBytes(file, bytes);
        var shown = Encoding.UTF8.GetString(bytes);
        return $"""
            case seed {caseSeed} (replay with SLUICE_FUZZ_SEED={caseSeed}), from {name}
            mutations: {string.Join("; ", mutator.Applied)}
            input ({bytes.Length:N0} bytes, written to {file}): {(shown.Length > 2_000 ? shown[..2_000] + "..." : shown)}
            {e}
            """;
    }

    [GeneratedRegex(@"^SLU\d{3}$")]
    private static partial Regex CodePattern();
}
