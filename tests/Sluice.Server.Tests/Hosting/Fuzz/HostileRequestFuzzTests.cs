using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sluice.Server.Api.Validation;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Hosting.Fuzz;

/// <summary>
/// Thousands of hostile requests, made by mutating a valid request of every SageMaker and SQS operation the server
/// answers (<see cref="Mutator"/>), against one server: none may get a 5xx, every error must be JSON in the protocol's
/// words with no stack trace, and afterwards everything made before (<see cref="FuzzWorld"/>) must still be listed and
/// described. Generated from a seed, so a failure can be sent again: the message gives the seed and the request;
/// SLUICE_FUZZ_SEED and SLUICE_FUZZ_ROUNDS choose another seed and more rounds.
/// </summary>
public sealed class HostileRequestFuzzTests : IAsyncLifetime
{
    private const int DefaultSeed = 20_260_112;
    private const int DefaultRounds = 150;
    private const int MaxFailuresShown = 10;

    private static readonly string[] StackTraceMarks = ["   at ", "--- End of", ".cs:line", "System.", "Sluice."];

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private ServerHarness? _server;

    private ServerHarness Server => _server!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fuzz_MutatedRequestsToEveryOperation_AnswerInTheProtocolsWordsAndLoseNothing()
    {
        var seed = Setting("SLUICE_FUZZ_SEED", DefaultSeed);
        var rounds = Setting("SLUICE_FUZZ_ROUNDS", DefaultRounds);
        var targets = SeedRequests.Targets.Order(StringComparer.Ordinal).ToList();
        targets.ShouldBe(RequestValidator.Shapes.Targets.Order(StringComparer.Ordinal), ignoreOrder: false, "every operation the server answers has a seed");
        var world = await FuzzWorld.CreateAsync(Server, _http);
        foreach (var target in targets)
        {
            // A seed the validator refuses would test only the validator.
            Requests.Passes(target, SeedRequests.For(target, world, new Random(seed)).ToJsonString()).ShouldBeTrue(target);
        }

        var failures = new List<string>();
        var answers = new SortedDictionary<string, int>(StringComparer.Ordinal); // what the requests got, for the test's output
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds * targets.Count; i++)
        {
            var random = new Random(unchecked((seed * 7919) + i)); // one generator per request: any one can be made again alone
            var target = targets[i % targets.Count];
            var request = Mutator.Mutate(target, SeedRequests.For(target, world, random), random);
            var (status, errorType, body) = await SendAsync(request);
            var answer = string.Create(CultureInfo.InvariantCulture, $"{status} {errorType}");
            answers[answer] = answers.GetValueOrDefault(answer) + 1;
            if (Problem(request, status, errorType, body) is { } problem)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}, request #{i}: {problem}\n{request}\nanswered {status}: {Cut(body)}"));
            }
            else if (status == 200)
            {
                world.Record(request.Target, body);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{rounds * targets.Count} hostile requests in {clock.Elapsed.TotalSeconds:0.0} s (seed {seed}), making {world.Created.Count} pipelines and {world.Started.Count} executions: {string.Join(", ", answers.Select(a => $"{a.Key} ×{a.Value}"))}"));
        failures.ShouldBeEmpty($"{failures.Count} of {rounds * targets.Count} requests failed; the first:\n\n" + string.Join("\n\n", failures.Take(MaxFailuresShown)));
        world.Created.ShouldNotBeEmpty(); // some requests get through their mutations, so the check below covers what the fuzzer made
        world.Started.ShouldNotBeEmpty();
        await world.VerifyAsync();
    }

    /// <summary>What is wrong with an answer, if anything.</summary>
    private static string? Problem(HostileRequest request, int status, string? errorType, string body)
    {
        if (status is < 200 or >= 500)
        {
            return status < 0 ? "no answer" : "a server error";
        }

        if (Array.Find(StackTraceMarks, mark => body.Contains(mark, StringComparison.Ordinal)) is { } found)
        {
            return $"the answer holds '{found}', as a stack trace would";
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return "the answer is not JSON";
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the answer is not a JSON object";
        }

        if (status < 300)
        {
            return null;
        }

        if (!root.TryGetProperty("__type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 } code
            || !root.TryGetProperty("Message", out var message) || message.ValueKind != JsonValueKind.String || message.GetString() is not { Length: > 0 })
        {
            return "the error has no __type or no Message";
        }

        if (errorType is not null && errorType != code)
        {
            return $"x-amzn-ErrorType {errorType} is not __type {code}";
        }

        var sqs = request.Target?.StartsWith("AmazonSQS.", StringComparison.Ordinal) == true;
        return sqs == code.StartsWith("com.amazonaws.sqs#", StringComparison.Ordinal) ? null : $"{code} is not in the words of the target's protocol";
    }

    private async Task<(int Status, string? ErrorType, string Body)> SendAsync(HostileRequest request)
    {
        if (request.Chunks is { } chunks)
        {
            var head = RawHttp.Head(Server.Address, request.Target ?? string.Empty, "Transfer-Encoding: chunked");
            var (rawStatus, rawBody) = await RawHttp.SendAsync(Server.Address, [.. head, .. chunks], halfClose: false, Ct);
            return (rawStatus, null, rawBody);
        }

        using var content = new ByteArrayContent(request.Body);
        if (request.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        if (request.Target is not null)
        {
            content.Headers.TryAddWithoutValidation("X-Amz-Target", request.Target);
        }

        using var response = await _http.PostAsync(Server.Address, content, Ct);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? string.Join(",", values) : null;
        return ((int)response.StatusCode, errorType, await response.Content.ReadAsStringAsync(Ct));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Cut(string text) => text.Length > 1000 ? text[..1000] + "..." : text;
}
