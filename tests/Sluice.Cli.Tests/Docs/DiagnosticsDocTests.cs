using System.Reflection;
using Sluice.Cli.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Cli.Tests.Docs;

/// <summary>docs/diagnostics.md explains every code the validator can report.</summary>
public sealed class DiagnosticsDocTests
{
    [Fact]
    public void DiagnosticCodes_EveryCode_HasARowInTheDoc()
    {
        var doc = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "docs", "diagnostics.md"));
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        codes.ShouldNotBeEmpty();
        codes.Where(code => !doc.Contains($"| {code} |", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
