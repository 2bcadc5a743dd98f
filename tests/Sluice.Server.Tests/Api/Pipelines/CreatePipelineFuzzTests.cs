using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Definitions.Tests.Support;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Api.Pipelines;

/// <summary>
/// Mutated real definitions (the SDK fixtures and the diabetes example, broken by the language tests' <see cref="DefinitionMutator"/>)
/// sent as CreatePipeline: each is stored or refused with SageMaker's words, never a server error, and every one that
/// was stored can be described afterwards. SLUICE_FUZZ_SEED replays a run; a failure prints the case's seed.
/// </summary>
public sealed class CreatePipelineFuzzTests
{
    private const int Cases = 1_000;

    [Fact]
    public async Task CreatePipeline_MutatedDefinitions_AreStoredOrRefusedNeverAServerError()
    {
        var seed = Environment.GetEnvironmentVariable("SLUICE_FUZZ_SEED") is { } given ? int.Parse(given, CultureInfo.InvariantCulture) : 4_242;
        var corpus = Corpus();
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var stored = new List<string>();
        var refused = 0;
        var lastRefusal = string.Empty;
        for (var i = 0; i < Cases; i++)
        {
            var random = new Random(seed + i);
            var mutator = new DefinitionMutator(random);
            var (source, text) = corpus[random.Next(corpus.Count)];
            var definition = Encoding.UTF8.GetString(mutator.Mutate(JsonNode.Parse(text)!.AsObject()));
            var name = $"fuzz-{i}";
            using var response = await server.PostAsync(http, "SageMaker.CreatePipeline", Requests.CreatePipeline(
                ("PipelineName", name), ("PipelineDefinition", definition), ("ClientRequestToken", $"fuzz-token-{seed}-{i:D8}-0000000000000000")));
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var context = $"case seed {seed + i} ({source}; {string.Join(", ", mutator.Applied)}): HTTP {(int)response.StatusCode} {body}";

            ((int)response.StatusCode).ShouldBeLessThan(500, context);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                stored.Add(name);
                continue;
            }

            refused++;
            lastRefusal = context;
            using var error = JsonDocument.Parse(body);
            error.RootElement.GetProperty("__type").GetString().ShouldBe("ValidationException", context);
            error.RootElement.GetProperty("Message").GetString().ShouldNotBeNullOrWhiteSpace(context);
            body.ShouldNotContain("   at ", customMessage: context);
        }

        // Both answers must occur, or the fuzzer is not reaching the validator's two sides.
        stored.Count.ShouldBeGreaterThan(Cases / 50, lastRefusal);
        refused.ShouldBeGreaterThan(Cases / 2);
        foreach (var name in stored)
        {
            using var described = await server.PostAsync(http, "SageMaker.DescribePipeline", $"{{\"PipelineName\": \"{name}\"}}");
            described.StatusCode.ShouldBe(HttpStatusCode.OK, name);
        }
    }

    private static List<(string Name, string Text)> Corpus()
    {
        var corpus = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sluice.slnx")))
        {
            directory = directory.Parent;
        }

        corpus.Add(("examples/diabetes/pipeline.json", File.ReadAllText(Path.Combine(directory!.FullName, "examples", "diabetes", "pipeline.json"))));
        return corpus;
    }
}
