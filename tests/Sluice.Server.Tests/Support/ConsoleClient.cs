using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Sluice.Server.Tests.Support;

/// <summary>A person's browser as far as the console's API goes: a cookie jar, the anti-forgery token, JSON and server-sent events.</summary>
internal sealed class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _address;

    public ConsoleClient(Uri address)
    {
        _address = address;
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public CookieContainer Cookies { get; }

    public string? Csrf { get; set; }

    public HttpClient Http => _http;

    /// <summary>Reads the session (and its anti-forgery token).</summary>
    public async Task<JsonObject> SessionAsync()
    {
        var (_, json) = await GetAsync("console/api/session");
        Csrf = json?["csrf"]?.GetValue<string>();
        return json!.AsObject();
    }

    public async Task<(HttpStatusCode Status, JsonNode? Json)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonNode? Json)> PostAsync(string path, JsonNode body, string? origin = null, bool csrf = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (csrf && Csrf is not null)
        {
            request.Headers.Add("X-Sluice-Csrf", Csrf);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Reads server-sent events until <paramref name="until"/> says stop (or the stream ends).</summary>
    public async Task<List<(string Event, JsonNode Data)>> EventsAsync(string path, Func<(string Event, JsonNode Data), bool> until, Func<Task>? whenOpen = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(60));
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var events = new List<(string, JsonNode)>();
        string? name = null;
        var opened = false;
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var item = (name!, JsonNode.Parse(line["data: ".Length..])!);
                events.Add(item);
                if (!opened && whenOpen is not null)
                {
                    opened = true;
                    await whenOpen();
                }

                if (until(item))
                {
                    break;
                }
            }
        }

        return events;
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
    }
}
