using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Sluice.Concourse.Get;

/// <summary>Writes a JSON file, indented, with text left readable (no <c>\u002B</c> for <c>+</c>).</summary>
internal static class JsonFile
{
    /// <summary>Writes a value to a file, creating its directory.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="value">The value.</param>
    /// <param name="type">The source-generated type information.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync<T>(string path, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await using (writer.ConfigureAwait(false))
            {
                JsonSerializer.Serialize(writer, value, type);
            }

            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }
}
