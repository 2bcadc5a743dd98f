namespace Sluice.Cli.Output;

/// <summary>Exception messages as a user should read them.</summary>
internal static class ErrorMessages
{
    /// <summary>
    /// The message without what .NET appends for a developer: an <see cref="ArgumentException"/> ends its message with
    /// "(Parameter 'name')", the name of a C# parameter the user never wrote.
    /// </summary>
    public static string Of(Exception exception) =>
        exception is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;
}
