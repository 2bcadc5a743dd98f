using System.Text.RegularExpressions;

namespace Sluice.Core.Jobs;

/// <summary>
/// What to do when a job's Python lacks a module: jobs run on this machine's interpreters, not in the image's, so
/// a script that imports NumPy fails where the python3 that runs it has none. The hint names that interpreter, where
/// it came from, and how to give the job one that has the module.
/// </summary>
internal static partial class InterpreterHints
{
    /// <summary>The hint for a job that failed on a missing Python module; <see langword="null"/> for any other failure.</summary>
    /// <param name="outcome">How the job ended.</param>
    /// <param name="command">The command the job ran; its first word is the interpreter.</param>
    public static string? MissingModule(JobOutcome outcome, IReadOnlyList<string> command)
    {
        if (outcome.ExitCode == 0 || command.Count == 0
            || outcome.LastErrorLines.Select(line => MissingModuleLine().Match(line)).FirstOrDefault(m => m.Success) is not { } match)
        {
            return null;
        }

        var module = match.Groups["module"].Value;
        var interpreter = command[0];
        var which = Path.IsPathRooted(interpreter)
            ? $"'{interpreter}'"
            : $"'{interpreter}' as the job's PATH (the one Sluice was started with) finds it";
        return $"the job's Python, {which}, has no module '{module}': install it for that interpreter (for Debian's /usr/bin/python3, "
            + $"apt-get install python3-{module.Split('.')[0].ToLowerInvariant()}), or start Sluice with a PATH whose first {Path.GetFileName(interpreter)} has it, "
            + "e.g. PATH=/usr/bin:$PATH; or name an interpreter that has it with python: in sluice.yaml, which script-mode Training "
            + "steps and Processing entrypoints starting with python3 use";
    }

    [GeneratedRegex(@"ModuleNotFoundError: No module named '(?<module>[^']+)'")]
    private static partial Regex MissingModuleLine();
}
