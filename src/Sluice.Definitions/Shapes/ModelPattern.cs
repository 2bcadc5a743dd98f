using System.Text.RegularExpressions;

namespace Sluice.Definitions.Shapes;

/// <summary>
/// A pattern from the service model: its text as the model states it (what messages quote) and the .NET regexes that
/// test it, built on first use and shared by every member with the same pattern.
/// </summary>
/// <remarks>
/// A value is first matched by the backtracking engine, the fastest on ordinary values, under a short time
/// limit. A few model patterns can backtrack without end on a value that almost matches (PipelineDefinition's
/// <c>.*(?:[ \r\n\t].*)*</c> over a megabyte with a stray U+2028); such a value is matched again without backtracking,
/// which takes time linear in its length, so no request can hold the server. A pattern the non-backtracking engine
/// cannot run (a lookbehind such as <c>(?&lt;!-)</c>) is tried again under a longer limit, and running out of that counts
/// as not matching. Nothing is built before a value needs it.
/// </remarks>
public sealed class ModelPattern
{
    private static readonly TimeSpan FastLimit = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan OnlyLimit = TimeSpan.FromSeconds(1);

    private readonly Lazy<Regex> _regex;
    private readonly Lazy<Regex?> _linear;
    private readonly Lazy<Regex> _patient;

    /// <summary>Creates the pattern; nothing is built yet.</summary>
    /// <param name="source">The Java pattern as the model states it.</param>
    /// <param name="compiled">
    /// Whether the backtracking regex is compiled to IL: worth it in a server that matches for hours, not in a command
    /// that validates one file and exits (compiling costs milliseconds per pattern).
    /// </param>
    public ModelPattern(string source, bool compiled = true)
    {
        Source = source;
        var translated = new Lazy<string>(() => JavaRegexTranslator.Translate(source), LazyThreadSafetyMode.ExecutionAndPublication);
        var options = RegexOptions.CultureInvariant | (compiled ? RegexOptions.Compiled : RegexOptions.None);
        _linear = new Lazy<Regex?>(() => Linear(translated.Value), LazyThreadSafetyMode.ExecutionAndPublication);
        _regex = new Lazy<Regex>(() => new Regex(translated.Value, options, FastLimit), LazyThreadSafetyMode.ExecutionAndPublication);
        _patient = new Lazy<Regex>(() => new Regex(translated.Value, options, OnlyLimit), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The pattern as the model states it, quoted in messages.</summary>
    public string Source { get; }

    /// <summary>Whether the pattern is <c>.*</c>, which callers that read it as "any text" need not match at all.</summary>
    public bool IsAnyText => Source == ".*";

    /// <summary>The compiled backtracking regex, built now if it was not yet.</summary>
    /// <exception cref="ArgumentException">When the translated pattern is not a valid .NET pattern.</exception>
    /// <exception cref="NotSupportedException">When the Java pattern has no translation.</exception>
    public Regex Regex => _regex.Value;

    /// <summary>Whether the whole of <paramref name="value"/> matches, as Java's <c>Matcher.matches()</c>.</summary>
    public bool IsMatch(string value) => IsMatch(value.AsSpan());

    /// <summary>Whether the whole of <paramref name="value"/> matches, as Java's <c>Matcher.matches()</c>, without allocating.</summary>
    public bool IsMatch(ReadOnlySpan<char> value)
    {
        try
        {
            return Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // The non-backtracking engine is built only now, for the rare value that needs it; a pattern it cannot run
            // gets the longer limit instead, and running out of that counts as not matching.
            if (_linear.Value is { } linear)
            {
                return linear.IsMatch(value);
            }

            try
            {
                return _patient.Value.IsMatch(value);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }

    private static Regex? Linear(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
