using System.Globalization;

namespace Sluice.Config;

/// <summary>
/// A pipeline configuration that cannot be built. The message names the file, the line and the key, e.g.
/// <c>config/dev/train.yaml:7: instance_count: expected an integer, not 'two'</c>.
/// </summary>
public sealed class PipelineConfigException : Exception
{
    /// <summary>Creates the exception for a problem at a place in a configuration file.</summary>
    /// <param name="file">The file (or the configuration directory), as shown to the user.</param>
    /// <param name="line">The line, from 1; <see langword="null"/> when the problem is not at one line.</param>
    /// <param name="key">The key, as a path such as <c>inputs[0].source</c>; <see langword="null"/> when the problem is not at one key.</param>
    /// <param name="problem">What is wrong, phrased for the user.</param>
    public PipelineConfigException(string file, int? line, string? key, string problem)
        : base(Format(file, line, key, problem))
    {
        File = file;
        Line = line;
        Key = key;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public PipelineConfigException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    /// <param name="message">The message.</param>
    public PipelineConfigException(string message)
        : base(message)
    {
        File = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception with a message of its own and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Problem = message;
    }

    /// <summary>The file (or the configuration directory), as shown to the user.</summary>
    public string File { get; }

    /// <summary>The line, from 1, when the problem is at one.</summary>
    public int? Line { get; }

    /// <summary>The key, as a path such as <c>inputs[0].source</c>, when the problem is at one.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }

    private static string Format(string file, int? line, string? key, string problem)
    {
        var place = line is { } number ? string.Create(CultureInfo.InvariantCulture, $"{file}:{number}") : file;
        return key is null ? $"{place}: {problem}" : $"{place}: {key}: {problem}";
    }
}
