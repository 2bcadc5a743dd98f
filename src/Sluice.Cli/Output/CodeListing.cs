using Sluice.Sdk.Code;

namespace Sluice.Cli.Output;

/// <summary>Lists the S3 URIs of the local code a pipeline names, without uploading anything.</summary>
internal sealed class CodeListing : ICodeUploader
{
    private readonly List<string> _uris = [];

    public IReadOnlyList<string> Uris => _uris;

    public Task UploadAsync(string s3Uri, Stream content, CancellationToken cancellationToken)
    {
        _uris.Add(s3Uri);
        return Task.CompletedTask;
    }
}
