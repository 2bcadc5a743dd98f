namespace Sluice.Sdk.Tests.Support;

/// <summary>Passes requests on and keeps the <c>X-Amz-Target</c> of each, to show what a client sent (or that it sent nothing).</summary>
internal sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly List<string> _targets = [];

    /// <summary>The operations sent, in order, e.g. <c>SageMaker.CreatePipeline</c>.</summary>
    public IReadOnlyList<string> Targets
    {
        get
        {
            lock (_targets)
            {
                return [.. _targets];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_targets)
        {
            _targets.Add(request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "?");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
