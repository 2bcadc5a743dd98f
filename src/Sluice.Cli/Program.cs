using Sluice.Cli;

ServeRuntime.RestartIfNeeded(args); // sluice serve: a long-lived server's GC and JIT settings, set before the runtime starts
return await SluiceCommand.RunAsync(args, CliIo.FromConsole()).ConfigureAwait(false);
