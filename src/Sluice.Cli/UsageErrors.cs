using System.CommandLine;
using System.CommandLine.Parsing;
using Sluice.Definitions;

namespace Sluice.Cli;

/// <summary>
/// What is wrong with a command line, said once and in the user's terms, as git and kubectl say it: an unknown command
/// or option by name with a suggestion, a command group without its command with the list of its commands, and the
/// help of the command that was meant.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The problems of a parse, each a line; empty when the command line is right.</summary>
    /// <param name="parseResult">The parse.</param>
    /// <returns>The lines to print, the last naming the help to read.</returns>
    public static IReadOnlyList<string> Of(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var path = CommandPath(parseResult.CommandResult);
        var lines = new List<string>();
        foreach (var option in UnknownOptions(parseResult))
        {
            lines.Add($"sluice: unknown option '{option}' for '{path}'{Spelling.Hint(option, OptionNames(command))}");
        }

        // After an unknown command, the rest of the line is that command's: only the command is worth a word.
        var unmatched = command.Subcommands.Count > 0 ? parseResult.UnmatchedTokens.Take(1) : parseResult.UnmatchedTokens;
        foreach (var token in unmatched)
        {
            lines.Add(token.StartsWith('-') && token.Length > 1
                ? $"sluice: unknown option '{token}' for '{path}'{Spelling.Hint(token, OptionNames(command))}"
                : command.Subcommands.Count > 0
                    ? $"sluice: unknown command '{token}' for '{path}'{Spelling.Hint(token, command.Subcommands.Select(c => c.Name))}"
                    : $"sluice: unexpected argument '{token}' for '{path}'");
        }

        if (lines.Count == 0 && command.Subcommands.Count > 0 && command.Action is null && parseResult.Errors.Count > 0)
        {
            // A command group alone ('sluice s3'): name its commands rather than "Required command was not provided".
            lines.Add($"sluice: '{path}' needs one of its commands:");
            var width = command.Subcommands.Max(c => c.Name.Length);
            lines.AddRange(command.Subcommands.Where(c => !c.Hidden).Select(c => $"  {c.Name.PadRight(width)}  {c.Description}"));
        }
        else if (lines.Count == 0)
        {
            lines.AddRange(parseResult.Errors.Select(e => $"sluice: {e.Message}"));
        }

        if (lines.Count > 0)
        {
            lines.Add($"Run '{path} --help' for usage.");
        }

        return lines;
    }

    /// <summary>
    /// Values of the command's own arguments that look like options (<c>--bogus</c>, <c>-x</c>): System.CommandLine
    /// takes an unknown option as a file name when the command accepts more of them. Negative numbers, <c>-</c>
    /// (standard input) and anything after <c>--</c> are values.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parseResult)
    {
        var doubleDash = parseResult.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var afterDoubleDash = doubleDash < 0 ? [] : parseResult.Tokens.Skip(doubleDash + 1).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        return parseResult.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Select(token => token.Value)
            .Where(value => value.Length > 1 && value[0] == '-' && !char.IsDigit(value[1]) && value[1] != '.' && !afterDoubleDash.Contains(value));
    }

    private static IEnumerable<string> OptionNames(Command command) =>
        command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));

    /// <summary>"sluice s3 cp": the root is named 'sluice' whatever the process is called (tests run in a test host).</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: var command })
            {
                names.Add(command is RootCommand ? "sluice" : command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
