using System.Text.Json;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Concourse.Check;
using Sluice.Concourse.Configuration;
using Sluice.Concourse.Get;
using Sluice.Concourse.Protocol;
using Sluice.Concourse.Put;

namespace Sluice.Concourse;

/// <summary>
/// One run of the resource as Concourse starts it: <c>check</c>, <c>in DIR</c> or <c>out DIR</c>, the request on standard
/// input, exactly one JSON document on standard output, the log on standard error, and a non-zero exit on failure.
/// </summary>
internal static class ResourceApp
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The step failed: a bad source or params, a missing version, an execution that did not succeed, an AWS error.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (not check, in DIR or out DIR).</summary>
    public const int Usage = 2;

    private const string UsageText = "usage: sluice-concourse check | in DIRECTORY | out DIRECTORY  (the request is read from standard input)";

    /// <summary>Runs one command.</summary>
    /// <param name="args">The command and, for in and out, the directory.</param>
    /// <param name="io">Streams and environment.</param>
    /// <param name="cancellationToken">Set when Concourse interrupts the step.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, ResourceIo io, CancellationToken cancellationToken)
    {
        if (!TryParseCommandLine(args, out var command, out var directory, out var problem))
        {
            await io.Log.WriteLineAsync(problem).ConfigureAwait(false);
            await io.Log.WriteLineAsync(UsageText).ConfigureAwait(false);
            return Usage;
        }

        try
        {
            var request = ResourceRequest.Parse(await io.Input.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
            var answer = command switch
            {
                "check" => ProtocolJson.Serialize(await CheckCommand.RunAsync(request, io, cancellationToken).ConfigureAwait(false)),
                "in" => ProtocolJson.Serialize(await GetCommand.RunAsync(request, directory!, io, cancellationToken).ConfigureAwait(false)),
                _ => ProtocolJson.Serialize(await PutCommand.RunAsync(request, directory!, io, cancellationToken).ConfigureAwait(false)),
            };
            await io.Answer.WriteLineAsync(answer).ConfigureAwait(false);
            await io.Answer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Error(io, "interrupted").ConfigureAwait(false);
        }
        catch (ResourceException e)
        {
            await Error(io, e.Message).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            await Error(io, $"SageMaker answered {e.ErrorCode}: {e.Message}").ConfigureAwait(false);
        }
        catch (AwsConfigurationException e)
        {
            await Error(io, e.Message).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await Error(io, $"cannot reach the SageMaker API: {e.Message}").ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await Error(io, e.Message).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException e)
        {
            await Error(io, e.Message).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await Error(io, $"an answer could not be read: {e.Message}").ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException)
        {
            // Not a problem of the request: say so, with the whole story for a bug report.
            await Error(io, $"the resource failed unexpectedly: {e}").ConfigureAwait(false);
        }

        return Failed;
    }

    private static bool TryParseCommandLine(string[] args, out string command, out string? directory, out string problem)
    {
        command = args.Length > 0 ? args[0] : string.Empty;
        directory = null;
        problem = string.Empty;
        switch (command)
        {
            case "check" when args.Length == 1:
                return true;
            case "in" or "out" when args.Length == 2:
                directory = args[1];
                if (!Directory.Exists(directory))
                {
                    problem = $"error: the directory '{directory}' does not exist.";
                    return false;
                }

                return true;
            case "check" or "in" or "out":
                problem = $"error: '{command}' takes {(command == "check" ? "no arguments" : "one argument, the directory")}.";
                return false;
            default:
                problem = args.Length == 0 ? "error: no command given." : $"error: unknown command '{command}'.";
                return false;
        }
    }

    private static Task Error(ResourceIo io, string message) => io.Log.WriteLineAsync(Ansi.Red("error: ") + message);
}
