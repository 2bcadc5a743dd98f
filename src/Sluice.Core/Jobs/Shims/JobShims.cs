namespace Sluice.Core.Jobs.Shims;

/// <summary>
/// The scripts Sluice puts into a job's folder to stand in for what a SageMaker container provides, kept as files
/// beside this class (embedded in the assembly) so that they can be read, linted and changed as the Python they are.
/// </summary>
internal static class JobShims
{
    private static readonly Lazy<string> TransformText = new(() => Read("transform.py"));

    /// <summary>
    /// The batch transform shim: the inference toolkits' handler chain over the input files, without an HTTP server.
    /// Its one argument is the settings as JSON. On an error it prints the traceback to standard output (the log) and
    /// its last line, with what it was doing, to standard error (the FailureReason).
    /// </summary>
    public static string Transform => TransformText.Value;

    private static string Read(string name)
    {
        using var stream = typeof(JobShims).Assembly.GetManifestResourceStream("Sluice.Core.Jobs.Shims." + name)
            ?? throw new InvalidOperationException($"The {name} shim is missing from Sluice.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
