using System.CommandLine;
using System.Globalization;
using Sluice.Server.Hosting;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice serve</c>: the SageMaker pipeline API on the wire, over the same data directory as <c>sluice run</c>, so
/// boto3, the AWS CLI and every AWS SDK work against it with <c>--endpoint-url</c>. Unfinished executions resume at
/// start. On Ctrl-C or SIGTERM the server stops taking requests and leaves running executions as they are; they
/// resume at the next start.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliIo io)
    {
        var host = new Option<string>("--host") { Description = "The address to listen on (loopback by default).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "The port.", DefaultValueFactory = _ => 8080 };
        var maxBody = new Option<long>("--max-body-size")
        {
            Description = "The largest request body accepted, in bytes; larger ones get HTTP 413.",
            DefaultValueFactory = _ => SluiceServerOptions.DefaultMaxBodyBytes,
        };
        var quiet = new Option<bool>("--quiet") { Description = "Log faults only, not every request." };
        var store = new Option<string?>("--store")
        {
            Description = "Where state is kept, instead of sluice.yaml's store: sqlite, or postgres://user@host:5432/database to share one database with other servers.",
            HelpName = "STORE",
        };
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var command = new Command("serve", "Serve the SageMaker pipeline API (AWS JSON 1.1) for boto3, the AWS CLI and the AWS SDKs.") { host, port, maxBody, quiet, data, config, store };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(maxBody) < 1)
            {
                await io.Error.WriteLineAsync("sluice serve: --max-body-size must be at least 1 byte.");
                return ExitCodes.Usage;
            }

            if (await EngineHost.OpenEngineAsync(io, parseResult.GetValue(data)!, parseResult.GetValue(config), cancellationToken, parseResult.GetValue(store)) is not { } engineHost)
            {
                return ExitCodes.Usage;
            }

            await using (engineHost)
            {
                var resumed = await engineHost.Engine!.ResumeAsync(cancellationToken);
                var url = string.Create(CultureInfo.InvariantCulture, $"http://{parseResult.GetValue(host)}:{parseResult.GetValue(port)}");
                var options = new SluiceServerOptions
                {
                    Urls = url,
                    MaxBodyBytes = parseResult.GetValue(maxBody),
                    LogRequests = !parseResult.GetValue(quiet),
                    Credentials = engineHost.Configuration.ServeCredentials,
                    ConsoleToken = engineHost.Configuration.ConsoleToken,
                };
                await using var app = SluiceServer.Build(engineHost.Engine, options);
                await io.Error.WriteLineAsync($"sluice: serving the SageMaker pipeline API at {url} (data: {parseResult.GetValue(data)}; {resumed.Count} execution(s) resumed; {(options.Credentials.Count > 0 ? $"SigV4 signatures required, {options.Credentials.Count} credential(s)" : "any signature accepted")}; {ServeRuntime.Describe()})");
                await io.Error.WriteLineAsync($"sluice: web console at {url}/ ({(options.Credentials.Count > 0 || options.ConsoleToken is not null ? "sign in with an access key id and secret, or the console token" : "open on loopback addresses only")})");
                await app.RunAsync();
                await io.Error.WriteLineAsync($"sluice: stopped; {ServeRuntime.Summary()}");
                return ExitCodes.Success;
            }
        });
        return command;
    }
}
