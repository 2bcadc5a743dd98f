namespace Sluice.Core.Configuration;

/// <summary>
/// The settings of <c>sluice.yaml</c> (in the working directory, or given with <c>--config</c>): how this machine stands
/// in for the AWS services a pipeline calls.
/// </summary>
public sealed record SluiceConfiguration
{
    /// <summary>An empty configuration: every default.</summary>
    public static SluiceConfiguration Empty { get; } = new();

    /// <summary>The file the configuration was read from, for messages; <see langword="null"/> when none was.</summary>
    public string? Source { get; init; }

    /// <summary>The region written into ARNs (<c>region:</c>).</summary>
    public string? Region { get; init; }

    /// <summary>The account written into ARNs (<c>account:</c>).</summary>
    public string? Account { get; init; }

    /// <summary>
    /// The store backend (<c>store:</c>): where pipelines, executions and steps are kept. <c>sqlite</c> (the default) is
    /// one file in the data directory; <see cref="Hosting.StoreBackends.Names"/> lists the supported backends.
    /// </summary>
    public string Store { get; init; } = Hosting.StoreBackends.Default;

    /// <summary>
    /// Where the store connects, for backends that are servers (<c>store: postgres://...</c> or <c>store.postgres</c>):
    /// an Npgsql connection string; <see langword="null"/> for <c>sqlite</c>.
    /// </summary>
    public string? StoreConnection { get; init; }

    /// <summary>
    /// How long a server holds an execution without renewing its lease (<c>store.lease</c>, seconds; default 20): after
    /// a server dies, another takes its executions over once their leases are this old. Renewed every third of it.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How durable the store's commits are (<c>store.durability</c>: <c>full</c>, the default, or <c>normal</c>): with
    /// <c>normal</c> a commit does not wait for the disk, a <c>kill -9</c> still loses nothing, and a power loss can take
    /// back the last commits (see <see cref="Storage.StoreDurability"/>).
    /// </summary>
    public Storage.StoreDurability StoreDurability { get; init; } = Storage.StoreDurability.Full;

    /// <summary>
    /// The Python that stands in for an image's (<c>python:</c>; default <c>python3</c> from PATH), e.g. a virtualenv's:
    /// script-mode Training steps run their program with it, and a Processing step whose ContainerEntrypoint starts with
    /// a bare <c>python3</c> or <c>python</c> runs it instead.
    /// </summary>
    public string Python { get; init; } = "python3";

    /// <summary>
    /// Local commands for images that bring their own (built-in algorithms, custom containers): <c>images:</c> maps an
    /// image URI pattern (<c>*</c> matches any text) to the command that stands in for the image's entrypoint.
    /// </summary>
    public IReadOnlyList<ImageCommand> Images { get; init; } = [];

    /// <summary>How jobs are isolated and limited (<c>jobs:</c>).</summary>
    public Jobs.JobSettings Jobs { get; init; } = Sluice.Core.Jobs.JobSettings.Default;

    /// <summary>
    /// The credentials <c>sluice serve</c> accepts (<c>serve.credentials</c>): access key id to secret access key. When
    /// there are any, every request must carry a valid SigV4 signature made with one of them; when there are none, any
    /// signature, or none, is accepted.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServeCredentials { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A token that signs in to <c>sluice serve</c>'s web console (<c>serve.console_token</c>), besides an access key id
    /// and its secret; when it or <see cref="ServeCredentials"/> is set, the console asks people to sign in.
    /// </summary>
    public string? ConsoleToken { get; init; }

    /// <summary>The command configured for an image, the first pattern that matches; <see langword="null"/> when none does.</summary>
    /// <param name="imageUri">The image URI as the step gives it.</param>
    /// <returns>The command's words, or <see langword="null"/>.</returns>
    public IReadOnlyList<string>? FindImageCommand(string imageUri) =>
        Images.FirstOrDefault(i => i.Matches(imageUri))?.Command;

    /// <summary>How long a Lambda function may run unless its own entry says otherwise (<c>lambda.timeout</c>, seconds).</summary>
    public TimeSpan LambdaTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The local stand-ins for Lambda functions (<c>lambda.functions</c>), keyed by ARN or function name.</summary>
    public IReadOnlyDictionary<string, LambdaFunction> LambdaFunctions { get; init; } = new Dictionary<string, LambdaFunction>();

    /// <summary>
    /// Finds the stand-in for a Lambda step's FunctionArn: an entry keyed by the whole ARN, else by the function's name
    /// (<c>arn:aws:lambda:region:account:function:NAME[:alias]</c>), else by the value as written.
    /// </summary>
    /// <param name="functionArn">The FunctionArn as the step gives it.</param>
    /// <returns>The function, or <see langword="null"/>.</returns>
    public LambdaFunction? FindLambda(string functionArn)
    {
        if (LambdaFunctions.TryGetValue(functionArn, out var exact))
        {
            return exact;
        }

        var name = LambdaFunctionName(functionArn);
        return LambdaFunctions.GetValueOrDefault(name);
    }

    /// <summary>The function name in a Lambda ARN, or the text itself when it is not an ARN.</summary>
    /// <param name="functionArn">An ARN or a name.</param>
    /// <returns>The function name.</returns>
    public static string LambdaFunctionName(string functionArn)
    {
        var parts = functionArn.Split(':');
        return parts.Length >= 7 && parts[0] == "arn" && parts[5] == "function" ? parts[6] : functionArn;
    }
}

/// <summary>A local stand-in for a Lambda function: a command or an HTTP endpoint.</summary>
/// <param name="Command">A command that reads the event JSON on standard input and writes a JSON object on standard output.</param>
/// <param name="Url">An HTTP URL that receives the event as a POST and answers with a JSON object.</param>
/// <param name="Timeout">How long it may run; <see langword="null"/> for the configuration's default.</param>
/// <param name="Environment">Extra environment variables for a command.</param>
/// <param name="WorkingDirectory">Where a command runs; relative paths are relative to the configuration file.</param>
public sealed record LambdaFunction(
    IReadOnlyList<string>? Command,
    Uri? Url,
    TimeSpan? Timeout,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory);

/// <summary>A local command standing in for an image's entrypoint.</summary>
/// <param name="Pattern">The image URI pattern; <c>*</c> matches any text.</param>
/// <param name="Command">The command and its arguments.</param>
public sealed record ImageCommand(string Pattern, IReadOnlyList<string> Command)
{
    /// <summary>Whether an image URI matches the pattern.</summary>
    /// <param name="imageUri">The image URI.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(string imageUri) =>
        System.Text.RegularExpressions.Regex.IsMatch(
            imageUri,
            "^" + string.Join(".*", Pattern.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
}
