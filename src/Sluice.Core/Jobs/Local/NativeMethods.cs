using System.Runtime.InteropServices;

namespace Sluice.Core.Jobs.Local;

/// <summary>The few libc calls process supervision, safe file reading and durable folders need.</summary>
internal static partial class NativeMethods
{
    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    private const int AtFdCwd = -100;
    private const int OpenReadOnly = 0x80000; // O_RDONLY | O_CLOEXEC, the same on x64 and arm64 (O_DIRECTORY is not)
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int StatxBufferSize = 256;
    private const int ModeOffset = 0x1C;
    private const int SizeOffset = 0x28;

    /// <summary>kill(2).</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary>lchown(2): changes the owner of a path without following a link.</summary>
    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LChown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>
    /// Flushes a folder's entries to the disk (open read-only, fsync, close), so that a file created, renamed into
    /// or removed from it stays so after a power loss; .NET opens no folder as a file, so this is the only way.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <exception cref="DirectoryNotFoundException">When the folder does not exist.</exception>
    /// <exception cref="IOException">When it cannot be opened or flushed for another reason.</exception>
    public static void FsyncDirectory(string path)
    {
        var fd = Open(path, OpenReadOnly);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            const int noEntry = 2;
            var message = $"{path}: cannot be opened to flush it to the disk ({Marshal.GetPInvokeErrorMessage(error)})";
            throw error == noEntry ? new DirectoryNotFoundException(message) : new IOException(message);
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"{path}: cannot be flushed to the disk ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    /// <summary>
    /// What a path is, without following a link at its end (statx with AT_SYMLINK_NOFOLLOW; the structure's layout is
    /// the same on every architecture). <see langword="null"/> when the path does not exist.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <returns>Its kind and size, or <see langword="null"/>.</returns>
    /// <exception cref="IOException">When it cannot be examined for another reason than not existing.</exception>
    public static unsafe (FileKind Kind, long Size)? LStat(string path)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxSize, buffer) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            const int noEntry = 2;
            const int notDirectory = 20;
            return error is noEntry or notDirectory
                ? null
                : throw new IOException($"{path}: cannot be examined ({Marshal.GetPInvokeErrorMessage(error)})");
        }

        var mode = *(ushort*)(buffer + ModeOffset);
        var size = *(long*)(buffer + SizeOffset);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        return (kind, size);
    }
}

/// <summary>The kinds of file system entries job folders are checked for.</summary>
internal enum FileKind
{
    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    SymbolicLink,

    /// <summary>A FIFO, socket or device: never read, since opening one can block or reach outside the job.</summary>
    Other,
}
