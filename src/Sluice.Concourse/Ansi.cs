namespace Sluice.Concourse;

/// <summary>ANSI colours for the log: Concourse renders them in the build output.</summary>
internal static class Ansi
{
    /// <summary>Red text.</summary>
    public static string Red(string text) => Colour(31, text);

    /// <summary>Green text.</summary>
    public static string Green(string text) => Colour(32, text);

    /// <summary>Yellow text.</summary>
    public static string Yellow(string text) => Colour(33, text);

    /// <summary>Cyan text.</summary>
    public static string Cyan(string text) => Colour(36, text);

    /// <summary>An execution or step status in its colour: green when it succeeded, red when it failed, yellow when stopped, cyan while it runs.</summary>
    public static string Status(string status) => status switch
    {
        "Succeeded" => Green(status),
        "Failed" => Red(status),
        "Stopped" or "Stopping" => Yellow(status),
        _ => Cyan(status),
    };

    private static string Colour(int code, string text) => $"\u001b[{code}m{text}\u001b[0m";
}
