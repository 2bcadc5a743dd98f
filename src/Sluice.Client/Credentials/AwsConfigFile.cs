namespace Sluice.Client.Credentials;

/// <summary>
/// The INI format of <c>~/.aws/credentials</c> and <c>~/.aws/config</c>, read as botocore's RawConfigParser reads it:
/// <c>[section]</c> headers, <c>key = value</c> (or <c>key: value</c>) lines, keys case-insensitive, whole-line comments
/// starting with <c>#</c> or <c>;</c>, and indented lines continuing the previous key (nested settings such as
/// <c>s3 =</c> blocks), which are skipped.
/// </summary>
internal static class AwsConfigFile
{
    /// <summary>Parses the text into sections of settings; a later duplicate key wins.</summary>
    public static Dictionary<string, Dictionary<string, string>> Parse(string text)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        var inKey = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && inKey)
            {
                continue; // a continuation or nested setting of the previous key
            }

            if (trimmed[0] == '[' && trimmed[^1] == ']')
            {
                var name = string.Join(' ', trimmed[1..^1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (!sections.TryGetValue(name, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    sections[name] = current;
                }

                inKey = false;
                continue;
            }

            var separator = trimmed.IndexOfAny(['=', ':']);
            if (current is null || separator <= 0)
            {
                inKey = false;
                continue;
            }

            current[trimmed[..separator].Trim()] = trimmed[(separator + 1)..].Trim();
            inKey = true;
        }

        return sections;
    }
}
