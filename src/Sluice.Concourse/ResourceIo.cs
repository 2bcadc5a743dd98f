namespace Sluice.Concourse;

/// <summary>What a resource run reads and writes: the request, the answer, the log and the environment.</summary>
/// <param name="Input">The request: one JSON document (standard input).</param>
/// <param name="Answer">Where the one JSON answer goes (standard output).</param>
/// <param name="Log">Where progress and errors go (standard error; Concourse shows it, ANSI colours included).</param>
/// <param name="Environment">Reads an environment variable, e.g. <c>BUILD_ID</c>; <see langword="null"/> when unset.</param>
internal sealed record ResourceIo(TextReader Input, TextWriter Answer, TextWriter Log, Func<string, string?> Environment);
