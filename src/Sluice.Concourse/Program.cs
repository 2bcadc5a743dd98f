using System.Runtime.InteropServices;
using Sluice.Concourse;

// Concourse reads exactly one JSON document from stdout: everything else this process prints goes to stderr, the log.
var answer = Console.Out;
Console.SetOut(Console.Error);
using var cancel = new CancellationTokenSource();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
var io = new ResourceIo(Console.In, answer, Console.Error, Environment.GetEnvironmentVariable);
return await ResourceApp.RunAsync(args, io, cancel.Token).ConfigureAwait(false);

void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}
