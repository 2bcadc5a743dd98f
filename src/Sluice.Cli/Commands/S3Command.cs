using System.CommandLine;
using System.Globalization;
using Sluice.Core.Artifacts.Local;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice s3 cp|ls</c>: puts data into the object store that <c>s3://</c> URIs resolve to, and looks at results,
/// like the AWS CLI's <c>aws s3 cp</c> and <c>aws s3 ls</c>.
/// </summary>
internal static class S3Command
{
    public static Command Create(CliIo io)
    {
        var command = new Command("s3", "Copy files to and from the local object store that s3:// URIs name, and list it.");
        command.Subcommands.Add(Copy(io));
        command.Subcommands.Add(List(io));
        return command;
    }

    private static Command Copy(CliIo io)
    {
        var source = new Argument<string>("SOURCE") { Description = "A local file or folder, or an s3:// URI." };
        var target = new Argument<string>("TARGET") { Description = "An s3:// URI, or a local file or folder." };
        var data = CommonOptions.Data();
        var command = new Command("cp", "Copy a file or a folder (all files below it) into or out of the object store.") { source, target, data };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var store = new LocalObjectStore(Path.Combine(parseResult.GetValue(data)!, "objects"));
            var from = parseResult.GetValue(source)!;
            var to = parseResult.GetValue(target)!;
            try
            {
                var count = (IsS3(from), IsS3(to)) switch
                {
                    (false, true) when Directory.Exists(from) => await store.UploadDirectoryAsync(from, to, cancellationToken),
                    (false, true) when File.Exists(from) => UploadFile(store, from, to),
                    (false, true) => throw new FileNotFoundException($"{from}: no such file or folder"),
                    (true, false) => await store.DownloadPrefixAsync(from, to, cancellationToken),
                    _ => throw new ArgumentException("give one local path and one s3:// URI"),
                };
                await io.Out.WriteLineAsync($"copied {count} file{(count == 1 ? string.Empty : "s")}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                await io.Error.WriteLineAsync($"sluice: {e.Message}");
                return ExitCodes.Invalid;
            }
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var prefix = new Argument<string>("PREFIX") { Description = "An s3:// URI: a bucket, a prefix or an object." };
        var data = CommonOptions.Data();
        var command = new Command("ls", "List the objects under a prefix, with their sizes.") { prefix, data };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var store = new LocalObjectStore(Path.Combine(parseResult.GetValue(data)!, "objects"));
            try
            {
                foreach (var (uri, size) in await store.ListAsync(parseResult.GetValue(prefix)!, cancellationToken))
                {
                    await io.Out.WriteLineAsync($"{size.ToString(CultureInfo.InvariantCulture),12}  {uri}");
                }

                return ExitCodes.Success;
            }
            catch (ArgumentException e)
            {
                await io.Error.WriteLineAsync($"sluice: {e.Message}");
                return ExitCodes.Invalid;
            }
        });
        return command;
    }

    /// <summary>A file to an object: to <c>s3://b/dir/</c> (a trailing slash) it keeps its name, as aws s3 cp does.</summary>
    private static int UploadFile(LocalObjectStore store, string file, string uri)
    {
        store.UploadFile(file, uri.EndsWith('/') ? uri + Path.GetFileName(file) : uri);
        return 1;
    }

    private static bool IsS3(string path) => path.StartsWith("s3://", StringComparison.Ordinal);
}
