using System.Net;
using System.Text;

namespace Sluice.Client.Tests.Support;

/// <summary>
/// The network, replaced: records every request (with its body read at send time) and answers from a queue of canned
/// responses or exceptions; when the queue runs dry, the last answer repeats.
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();
    private Func<HttpResponseMessage>? _last;

    public List<RecordedRequest> Requests { get; } = [];

    public RecordingHandler Respond(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
            response.Content.Headers.ContentType = new("application/x-amz-json-1.1");
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        return this;
    }

    public RecordingHandler Ok(string body) => Respond(HttpStatusCode.OK, body, ("x-amzn-RequestId", "req-1"));

    public RecordingHandler Throw(Exception exception)
    {
        Enqueue(() => throw exception);
        return this;
    }

    public HttpClient Client() => new(this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .ToList();
        Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body));
        var answer = _answers.Count > 0 ? _answers.Dequeue() : _last ?? throw new InvalidOperationException("No canned response.");
        return answer();
    }

    private void Enqueue(Func<HttpResponseMessage> answer)
    {
        _answers.Enqueue(answer);
        _last = answer;
    }
}
