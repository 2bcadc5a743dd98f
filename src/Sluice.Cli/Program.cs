using Sluice.Cli;

return await SluiceCommand.RunAsync(args, CliIo.FromConsole()).ConfigureAwait(false);
