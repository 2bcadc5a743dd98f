namespace Sluice.Cli.Input;

/// <summary>A definition's text and the name to show for it.</summary>
/// <param name="Name">The file's path as given, or <c>&lt;stdin&gt;</c>.</param>
/// <param name="Text">The text.</param>
internal sealed record DefinitionInput(string Name, string Text)
{
    /// <summary>The name shown for standard input.</summary>
    public const string StdinName = "<stdin>";

    /// <summary>Reads a file, or standard input for <c>-</c>.</summary>
    /// <returns>The input, or <see langword="null"/> and the reason when it cannot be read.</returns>
    public static async Task<(DefinitionInput? Input, string? Error)> ReadAsync(string path, CliIo io, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return (new DefinitionInput(StdinName, await io.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)), null);
        }

        try
        {
            return (new DefinitionInput(path, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)), null);
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
            return (null, Directory.Exists(path) ? $"{path}: is a directory, not a definition file" : $"{path}: permission denied");
        }
        catch (IOException e)
        {
            return (null, $"{path}: cannot be read: {e.Message}");
        }
    }
}
