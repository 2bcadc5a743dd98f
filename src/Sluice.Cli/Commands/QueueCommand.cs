using System.CommandLine;
using Sluice.Core.Storage;

namespace Sluice.Cli.Commands;

/// <summary><c>sluice queue receive NAME</c>: reads messages Callback steps posted, without a server.</summary>
internal static class QueueCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("queue", "Read the built-in queues that Callback steps post to.");
        var name = new Argument<string>("NAME") { Description = "The queue's name: the last segment of a Callback step's SqsQueueUrl." };
        var max = new Option<int>("--max") { Description = "The most messages to receive (1 to 10).", DefaultValueFactory = _ => 10 };
        max.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10)
            {
                result.AddError("--max must be from 1 to 10.");
            }
        });
        var visibility = new Option<int>("--visibility-timeout") { Description = "Seconds the received messages stay hidden from other receivers.", DefaultValueFactory = _ => 30 };
        var delete = new Option<bool>("--delete") { Description = "Delete the messages once printed." };
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var receive = new Command("receive", "Receive messages and print their bodies, one per line.") { name, max, visibility, delete, data, config };
        receive.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var host = await EngineHost.OpenStoreAsync(io, parseResult.GetValue(data)!, parseResult.GetValue(config), cancellationToken);
            if (host is null)
            {
                return ExitCodes.Usage;
            }

            var queue = parseResult.GetValue(name)!;

            // Reading a queue is what any SQS consumer does (the server's queue API is another); it changes no pipeline
            // or execution state, so it needs no engine, only the queue role.
            IQueueStore queues = host.Store;
            if (!await queues.QueueExistsAsync(queue, cancellationToken))
            {
                await io.Error.WriteLineAsync($"sluice: there is no queue '{queue}' yet; a Callback step creates it when it posts its first message");
                return ExitCodes.Invalid;
            }

            var messages = await queues.ReceiveMessagesAsync(
                queue, parseResult.GetValue(max), TimeSpan.FromSeconds(parseResult.GetValue(visibility)), TimeProvider.System.GetUtcNow(), cancellationToken);
            foreach (var message in messages)
            {
                await io.Out.WriteLineAsync(message.Body);
                if (parseResult.GetValue(delete))
                {
                    await queues.DeleteMessageAsync(queue, message.ReceiptHandle, cancellationToken);
                }
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(receive);
        return command;
    }
}
