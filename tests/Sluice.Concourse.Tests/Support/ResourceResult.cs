using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sluice.Concourse.Tests.Support;

/// <summary>What a run of check, in or out did: its exit code, standard output and standard error (colours removed).</summary>
public sealed partial record ResourceResult(int ExitCode, string Output, string Log)
{
    /// <summary>The one JSON document on standard output.</summary>
    public JsonNode Json => JsonNode.Parse(Output) ?? throw new InvalidOperationException("stdout is null");

    /// <summary>The versions' execution ARNs of a check's answer, oldest first.</summary>
    public IReadOnlyList<string> VersionArns =>
        [.. Json.AsArray().Select(v => (string)v!["execution_arn"]!)];

    /// <summary>The metadata of an in or out answer, by name.</summary>
    public IReadOnlyDictionary<string, string> Metadata =>
        Json["metadata"]!.AsArray().ToDictionary(m => (string)m!["name"]!, m => (string)m!["value"]!);

    /// <summary>The standard error without ANSI colours.</summary>
    public string PlainLog => Colour().Replace(Log, string.Empty);

    /// <summary>Fails with the whole log unless the run succeeded.</summary>
    public ResourceResult ShouldSucceed()
    {
        ExitCode.ShouldBe(0, $"stderr:\n{Log}\nstdout:\n{Output}");
        return this;
    }

    /// <summary>Fails unless the run failed with nothing on standard output.</summary>
    public ResourceResult ShouldFail()
    {
        ExitCode.ShouldNotBe(0, $"stdout:\n{Output}");
        Output.ShouldBeEmpty();
        return this;
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Colour();
}
