using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>The definition cannot be exported faithfully: every problem is listed, each naming its step and JSON path.</summary>
public sealed class StepFunctionsExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">What cannot be exported.</param>
    public StepFunctionsExportException(IReadOnlyList<ExportProblem> problems)
        : base(problems.Count == 1 ? problems[0].ToString() : $"{problems.Count} problems: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public StepFunctionsExportException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public StepFunctionsExportException(string message)
        : base(message)
    {
        Problems = [new ExportProblem(string.Empty, string.Empty, string.Empty, message)];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public StepFunctionsExportException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [new ExportProblem(string.Empty, string.Empty, string.Empty, message)];
    }

    /// <summary>The problems, in definition order.</summary>
    public IReadOnlyList<ExportProblem> Problems { get; } = [];
}
