using System.Text;

namespace Sluice.Core.Artifacts.Local;

/// <summary>
/// Which bucket names and keys can name a folder and a file inside the store. Everything a client sends is untrusted:
/// a name that could leave the store, take the store's own folder (<c>.sluice</c>) or not fit a file name is refused.
/// </summary>
internal static class ObjectNames
{
    /// <summary>The longest key S3 accepts, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>The longest segment of a key between slashes: a file name on Linux.</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>Whether a name follows S3's rules for new buckets: 3-63 characters, lower-case letters, digits, dots and
    /// hyphens, starting and ending with a letter or digit, no two dots in a row.</summary>
    public static bool IsValidNewBucket(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>Whether a name can be an existing bucket's folder (buckets made by hand or by older versions may be
    /// looser than S3's rules): one path segment, not starting with a dot, no control characters.</summary>
    public static bool IsUsableBucket(string name) =>
        name.Length is >= 1 and <= 255 && name[0] != '.'
        && !name.Any(c => c is '/' or '\\' || char.IsControl(c));

    /// <summary>Why a key cannot name an object here, or <see langword="null"/> when it can.</summary>
    public static string? KeyProblem(string key)
    {
        if (key.Length == 0)
        {
            return "the key is empty";
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            return $"the key is longer than {MaxKeyBytes} bytes";
        }

        if (!IsStorableText(key))
        {
            return "the key holds a NUL, a backslash or text that is not Unicode";
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "the key has an empty segment (a leading, doubled or trailing '/'), which a folder store cannot keep apart";
            }

            if (segment is "." or "..")
            {
                return "the key has a '.' or '..' segment";
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return $"a segment of the key is longer than {MaxSegmentBytes} bytes";
            }
        }

        return null;
    }

    /// <summary>Whether a key holds no NUL, no backslash and no lone surrogate (a pair, a character above U+FFFF, is fine).</summary>
    private static bool IsStorableText(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '\0' or '\\' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= key.Length || !char.IsLowSurrogate(key[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
