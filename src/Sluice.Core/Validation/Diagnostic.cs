using System.Text;

namespace Sluice.Definitions.Validation;

/// <summary>
/// One problem found in a pipeline definition, located by the JSON path of the element that owns it
/// (a step or a parameter), that element's name, and the path of the offending member inside it.
/// </summary>
/// <param name="Severity">Whether the problem stops the definition from running.</param>
/// <param name="Code">A stable identifier for the rule, such as <c>SLU201</c>.</param>
/// <param name="OwnerPath">The JSON path of the owning element, e.g. <c>Steps[2]</c> or <c>Parameters[0]</c>; empty for the document itself.</param>
/// <param name="OwnerName">The owner's <c>Name</c>, when it has one.</param>
/// <param name="MemberPath">The path of the offending member below the owner, e.g. <c>Arguments.ProcessingInputs[0].S3Input.S3Uri</c>; empty for the owner itself.</param>
/// <param name="Message">What is wrong, phrased for the user.</param>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string OwnerPath,
    string? OwnerName,
    string MemberPath,
    string Message)
{
    /// <summary>Where in the text the problem is, when the reader knows it better than the path does (JSON syntax errors).</summary>
    public TextPosition? Position { get; init; }

    /// <summary>The full JSON path of the offending element from the document root, e.g. <c>Steps[2].Arguments.RoleArn</c>.</summary>
    public string Path => JsonPaths.Combine(OwnerPath, MemberPath);

    /// <summary>Where the problem is, as the user reads it: <c>Steps[2] 'Train' Arguments.RoleArn</c>.</summary>
    public string Location
    {
        get
        {
            var sb = new StringBuilder(OwnerPath.Length + MemberPath.Length + 16);
            sb.Append(OwnerPath.Length == 0 ? "(definition)" : OwnerPath);
            if (OwnerName is not null)
            {
                sb.Append(" '").Append(OwnerName).Append('\'');
            }

            if (MemberPath.Length > 0)
            {
                sb.Append(' ').Append(MemberPath);
            }

            return sb.ToString();
        }
    }

    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string code, string ownerPath, string? ownerName, string memberPath, string message) =>
        new(DiagnosticSeverity.Error, code, ownerPath, ownerName, memberPath, message);

    /// <summary>Creates a warning.</summary>
    public static Diagnostic Warning(string code, string ownerPath, string? ownerName, string memberPath, string message) =>
        new(DiagnosticSeverity.Warning, code, ownerPath, ownerName, memberPath, message);

    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}
