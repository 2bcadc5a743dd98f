using System.Runtime.InteropServices;

namespace Sluice.Core.Jobs;

/// <summary>The few libc calls process supervision needs.</summary>
internal static partial class NativeMethods
{
    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>kill(2).</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
