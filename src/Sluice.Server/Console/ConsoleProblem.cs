namespace Sluice.Server.Console;

/// <summary>A console request the console refuses: an HTTP status and a message for the person.</summary>
/// <param name="status">The HTTP status.</param>
/// <param name="code">A short error code (SageMaker's where one fits).</param>
/// <param name="message">What was wrong, naming the field.</param>
internal sealed class ConsoleProblem(int status, string code, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The error code.</summary>
    public string Code { get; } = code;

    /// <summary>A 400 naming the field.</summary>
    public static ConsoleProblem Invalid(string message) => new(400, "ValidationException", message);

    /// <summary>A 404.</summary>
    public static ConsoleProblem NotFound(string message) => new(404, "ResourceNotFound", message);
}
