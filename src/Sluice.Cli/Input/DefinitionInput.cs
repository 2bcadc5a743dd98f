using System.Text;

namespace Sluice.Cli.Input;

/// <summary>A definition as read: the name to show for it, its bytes and its text.</summary>
/// <param name="Name">The file's path as given, or <c>&lt;stdin&gt;</c>.</param>
/// <param name="Utf8">
/// The bytes as read, without a byte order mark: what commands validate, so that bytes that are not UTF-8 are
/// reported with their place instead of being silently decoded as U+FFFD.
/// </param>
/// <param name="Text">The text, decoded from <paramref name="Utf8"/>; what is stored and run once it is valid.</param>
internal sealed record DefinitionInput(string Name, ReadOnlyMemory<byte> Utf8, string Text)
{
    /// <summary>The name shown for standard input.</summary>
    public const string StdinName = "<stdin>";

    /// <summary>An input made from text, such as a definition built from a configuration.</summary>
    public static DefinitionInput FromText(string name, string text) => new(name, Encoding.UTF8.GetBytes(text), text);

    /// <summary>Reads a file, or standard input for <c>-</c>.</summary>
    /// <returns>The input, or <see langword="null"/> and the reason when it cannot be read.</returns>
    public static async Task<(DefinitionInput? Input, string? Error)> ReadAsync(string path, CliIo io, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return (FromText(StdinName, await io.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)), null);
        }

        if (Directory.Exists(path))
        {
            return (null, $"{path}: is a directory, not a definition file");
        }

        try
        {
            ReadOnlyMemory<byte> bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (bytes.Span.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }

            return (new DefinitionInput(path, bytes, Encoding.UTF8.GetString(bytes.Span)), null);
        }
        catch (FileNotFoundException)
        {
            return (null, $"{path}: no such file");
        }
        catch (DirectoryNotFoundException)
        {
            return (null, $"{path}: no such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, $"{path}: permission denied");
        }
        catch (IOException e)
        {
            return (null, $"{path}: cannot be read: {e.Message}");
        }
    }
}
