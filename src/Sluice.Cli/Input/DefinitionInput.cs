using System.Text;

namespace Sluice.Cli.Input;

/// <summary>A definition as read: the name to show for it, its bytes and its text.</summary>
internal sealed class DefinitionInput
{
    private string? _text;

    /// <param name="name">The file's path as given, or <c>&lt;stdin&gt;</c>.</param>
    /// <param name="utf8">The bytes as read, without a byte order mark.</param>
    /// <param name="text">The text when the caller has it already; otherwise decoded from <paramref name="utf8"/> when first asked for.</param>
    public DefinitionInput(string name, ReadOnlyMemory<byte> utf8, string? text = null)
    {
        Name = name;
        Utf8 = utf8;
        _text = text;
    }

    /// <summary>The file's path as given, or <c>&lt;stdin&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The bytes as read, without a byte order mark: what commands validate, so that bytes that are not UTF-8 are
    /// reported with their place instead of being silently decoded as U+FFFD.
    /// </summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>
    /// The text, decoded from <see cref="Utf8"/>; what is stored and run once it is valid. Decoded on first use only:
    /// <c>sluice validate</c> never needs it (a 15 MB definition is a 30 MB string).
    /// </summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Utf8.Span);

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

            return (new DefinitionInput(path, bytes), null);
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
