using System.Text.RegularExpressions;

namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// Reads what Slurm's commands print: <c>sbatch --parsable</c>'s job id, <c>squeue -o '%i|%T|%r'</c>'s lines and
/// <c>scontrol show job</c>'s <c>Key=Value</c> words. What does not have the expected shape is skipped, never trusted.
/// </summary>
public static partial class SlurmOutput
{
    /// <summary>The squeue format the host asks for: job id, state and reason, separated by <c>|</c>.</summary>
    public const string QueueFormat = "%i|%T|%r";

    /// <summary>The job id sbatch --parsable printed (<c>123</c> or <c>123;cluster</c>).</summary>
    /// <param name="text">sbatch's standard output.</param>
    /// <returns>The id; <see langword="null"/> when the output holds none.</returns>
    public static string? JobIdOf(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null)
        {
            return null;
        }

        var id = line.Split(';')[0].Trim();
        return JobId().IsMatch(id) ? id : null;
    }

    /// <summary>Whether a text is a job id Sluice submits: digits, at most 18 of them.</summary>
    /// <param name="id">The text.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsJobId(string id) => JobId().IsMatch(id);

    /// <summary>The jobs of <c>squeue --noheader --format='%i|%T|%r'</c>'s output, by id.</summary>
    /// <param name="text">squeue's standard output.</param>
    /// <returns>The jobs; a line without three fields or with an id that is not a job id is skipped.</returns>
    public static Dictionary<string, SlurmJobStatus> Queue(string text)
    {
        var jobs = new Dictionary<string, SlurmJobStatus>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Trim().Split('|');
            if (fields.Length < 3 || !IsJobId(fields[0]) || fields[1].Trim().Length == 0)
            {
                continue;
            }

            jobs[fields[0]] = new SlurmJobStatus(SlurmJobStatus.Normalize(fields[1]), string.Join('|', fields[2..]).Trim());
        }

        return jobs;
    }

    /// <summary>The <c>Key=Value</c> words of <c>scontrol show job ID</c>'s output (the first of each key wins).</summary>
    /// <param name="text">scontrol's standard output.</param>
    /// <returns>The values by key.</returns>
    public static Dictionary<string, string> Fields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in text.Split([' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields.TryAdd(word[..equals], word[(equals + 1)..]);
            }
        }

        return fields;
    }

    /// <summary>The status in <c>scontrol show job</c>'s output; <see langword="null"/> when it names no JobState.</summary>
    /// <param name="text">scontrol's standard output.</param>
    /// <returns>The status.</returns>
    public static SlurmJobStatus? ShowJob(string text)
    {
        var fields = Fields(text);
        return fields.TryGetValue("JobState", out var state) && state.Length > 0
            ? new SlurmJobStatus(SlurmJobStatus.Normalize(state), fields.GetValueOrDefault("Reason", "None"))
            : null;
    }

    /// <summary>The exit code a job's batch script wrote to its exit file: a whole number from 0 to 255 alone on its line.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The code; <see langword="null"/> when the text is anything else.</returns>
    public static int? ExitCode(string text) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 0 and <= 255
            ? code
            : null;

    [GeneratedRegex("^[0-9]{1,18}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobId();
}
