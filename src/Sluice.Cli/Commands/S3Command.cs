using System.CommandLine;
using System.Globalization;
using Sluice.Cli.Output;
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
        var config = CommonOptions.Config();
        var command = new Command("cp", "Copy a file or a folder (all files below it) into or out of the object store.") { source, target, data, config };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Only for store.durability: whether the files copied in are flushed to the disk before it returns.
            if (await CliConfiguration.LoadAsync(io, parseResult.GetValue(config)) is not { } configuration)
            {
                return ExitCodes.Usage;
            }

            var store = new LocalObjectStore(Path.Combine(parseResult.GetValue(data)!, "objects"), configuration.StoreDurability);
            var from = parseResult.GetValue(source)!;
            var to = parseResult.GetValue(target)!;
            try
            {
                var count = (IsS3(from), IsS3(to)) switch
                {
                    (false, true) when Directory.Exists(from) => await store.UploadDirectoryAsync(from, WithBucket(to), cancellationToken),
                    (false, true) when File.Exists(from) => UploadFile(store, from, to),
                    (false, true) => throw new FileNotFoundException($"{from}: no such file or folder"),
                    (true, false) => await store.DownloadPrefixAsync(WithBucket(from), to, cancellationToken),
                    _ => throw new ArgumentException("give one local path and one s3:// URI"),
                };
                await io.Out.WriteLineAsync($"copied {count} file{(count == 1 ? string.Empty : "s")}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                await io.Error.WriteLineAsync($"sluice: {ErrorMessages.Of(e)}");
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
            var uri = parseResult.GetValue(prefix)!;
            try
            {
                if (IsS3(uri) && Bucket(uri).Length == 0)
                {
                    // aws s3 ls s3:// lists the buckets.
                    foreach (var bucket in await store.ListBucketsAsync(cancellationToken))
                    {
                        await io.Out.WriteLineAsync($"{"PRE",12}  s3://{bucket.Name}/");
                    }

                    return ExitCodes.Success;
                }

                if (IsS3(uri) && !Directory.Exists(Path.Combine(store.Root, Bucket(uri))))
                {
                    await io.Error.WriteLineAsync($"sluice: s3://{Bucket(uri)}: no such bucket in {store.Root}");
                    return ExitCodes.Invalid;
                }

                var objects = await store.ListAsync(uri, cancellationToken);
                if (objects.Count == 0)
                {
                    // As aws s3 ls: a prefix that matches nothing is a failure (exit 1), so scripts can test for it.
                    await io.Error.WriteLineAsync($"sluice: no objects under {uri}");
                    return ExitCodes.Invalid;
                }

                foreach (var (name, size) in objects)
                {
                    await io.Out.WriteLineAsync($"{size.ToString(CultureInfo.InvariantCulture),12}  {name}");
                }

                return ExitCodes.Success;
            }
            catch (ArgumentException e)
            {
                await io.Error.WriteLineAsync($"sluice: {ErrorMessages.Of(e)}");
                return ExitCodes.Invalid;
            }
        });
        return command;
    }

    /// <summary>
    /// A file to an object. As aws s3 cp does, a target without a key (<c>s3://b</c>) or ending in a slash
    /// (<c>s3://b/dir/</c>) keeps the file's name; <c>s3://</c> alone names no bucket and is refused.
    /// </summary>
    private static int UploadFile(LocalObjectStore store, string file, string uri)
    {
        WithBucket(uri);
        var withKey = uri["s3://".Length..].Contains('/', StringComparison.Ordinal) ? uri : uri + "/";
        store.UploadFile(file, withKey.EndsWith('/') ? withKey + Path.GetFileName(file) : withKey);
        return 1;
    }

    /// <summary>The URI, when it names a bucket.</summary>
    /// <exception cref="ArgumentException">When it names none (<c>s3://</c>).</exception>
    private static string WithBucket(string uri) =>
        Bucket(uri).Length > 0 ? uri : throw new ArgumentException($"'{uri}' names no bucket; give s3://BUCKET/KEY");

    /// <summary>The bucket an <c>s3://</c> URI names, or an empty string.</summary>
    private static string Bucket(string uri) => uri["s3://".Length..].Split('/')[0];

    private static bool IsS3(string path) => path.StartsWith("s3://", StringComparison.Ordinal);
}
