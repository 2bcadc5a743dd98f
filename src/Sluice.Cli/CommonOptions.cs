using System.CommandLine;

namespace Sluice.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>The data directory's default, relative to the working directory.</summary>
    public const string DefaultDataDirectory = ".sluice";

    /// <summary><c>--data DIR</c>: where executions, queues and objects are kept.</summary>
    public static Option<string> Data() => new("--data")
    {
        Description = "The data directory: the state database, the object store and job folders.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SLUICE_DATA") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultDataDirectory,
        HelpName = "DIR",
    };

    /// <summary><c>--config FILE</c>: the configuration file.</summary>
    public static Option<string?> Config() => new("--config")
    {
        Description = "The configuration file (default: sluice.yaml in the working directory, if present).",
        HelpName = "FILE",
    };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public static Option<bool> Json(string description) => new("--json") { Description = description };
}
