using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a Lambda step by calling the function's local stand-in from the configuration: a command that reads the event
/// (the step's resolved Arguments) on standard input and writes a JSON object on standard output, or an HTTP endpoint
/// that receives the event as a POST. Stopping the execution waits for the function, as SageMaker does.
/// </summary>
/// <param name="http">
/// Gives the client for HTTP stand-ins, called only when a step calls one: a host that never runs such a step never
/// builds an <see cref="HttpClient"/> (its handler, telemetry and TLS types cost a short command measurable start-up).
/// </param>
public sealed class LambdaStepRunner(Func<HttpClient> http) : IStepRunner
{
    /// <summary>Creates a runner whose HTTP stand-ins are called with <paramref name="http"/>.</summary>
    /// <param name="http">The client for HTTP stand-ins.</param>
    public LambdaStepRunner(HttpClient http)
        : this(() => http)
    {
    }

    /// <inheritdoc />
    public bool UsesJobSlot => false;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        var arn = context.Step.FunctionArn ?? string.Empty;
        if (context.Configuration.FindLambda(arn) is not { } function)
        {
            var name = SluiceConfiguration.LambdaFunctionName(arn);
            return new StepResult.Failed(
                $"Lambda function '{arn}' has no local stand-in; add lambda.functions.{name} to {context.Configuration.Source ?? ConfigurationLoader.DefaultFileName} " +
                "with a command (reads the event JSON on stdin, writes a JSON object on stdout) or a url",
                null);
        }

        var source = $"Lambda function '{SluiceConfiguration.LambdaFunctionName(arn)}'";
        var timeout = function.Timeout ?? context.Configuration.LambdaTimeout;
        var eventJson = context.Arguments.ValueKind == JsonValueKind.Undefined ? "{}" : context.Arguments.GetRawText();
        using var timeoutSource = new CancellationTokenSource(timeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        string reply;
        try
        {
            reply = function.Command is { } command
                ? await InvokeCommandAsync(command, function, eventJson, source, linked.Token)
                : await InvokeUrlAsync(function.Url!, eventJson, source, linked.Token);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new StepResult.Failed($"{source} timed out after {timeout.TotalSeconds:0.###} s (lambda.timeout in the configuration)", null);
        }
        catch (LambdaInvocationException e)
        {
            return new StepResult.Failed(e.Message, e.ExceptionType);
        }

        return ToResult(context, arn, source, reply);
    }

    private static StepResult ToResult(StepRunContext context, string arn, string source, string reply)
    {
        Dictionary<string, JsonElement> values;
        try
        {
            var parsed = Json.Parse(reply);
            if (parsed.ValueKind != JsonValueKind.Object)
            {
                return new StepResult.Failed($"{source} returned {Describe(reply)}, not a JSON object", null);
            }

            values = parsed.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new StepResult.Failed($"{source} returned {Describe(reply)}, which is not JSON", null);
        }

        var (properties, list, problem) = OutputParameters.Convert(context.Step.OutputParameters, values, source);
        if (problem is not null)
        {
            return new StepResult.Failed(problem, null);
        }

        var metadata = Json.Parse("{\"Lambda\": {\"Arn\": " + Json.Quote(arn) + ", \"OutputParameters\": " + list.GetRawText() + "}}");
        return context.StopRequested.IsCancellationRequested
            ? new StepResult.Stopped { Metadata = metadata }
            : new StepResult.Succeeded(properties) { Metadata = metadata };
    }

    private static async Task<string> InvokeCommandAsync(IReadOnlyList<string> command, LambdaFunction function, string eventJson, string source, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = function.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in function.Environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LambdaInvocationException($"{source}: '{command[0]}' did not start", null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LambdaInvocationException($"{source}: cannot start '{command[0]}': {e.Message}", null);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardInput.WriteAsync(eventJson.AsMemory(), cancellationToken);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The function exited without reading its event; its exit code tells the story.
            }

            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new LambdaInvocationException($"{source} exited with code {process.ExitCode}: {Tail(await stderr)}", null);
            }

            return output;
        }
    }

    private async Task<string> InvokeUrlAsync(Uri url, string eventJson, string source, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var content = new StringContent(eventJson, Encoding.UTF8, "application/json");
            response = await http().PostAsync(url, content, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new LambdaInvocationException($"{source} at {url} could not be reached: {e.Message}", "Step.SERVICE_FAULT");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var type = response.StatusCode == HttpStatusCode.TooManyRequests ? "Step.THROTTLING"
                : (int)response.StatusCode >= 500 ? "Step.SERVICE_FAULT" : null;
            throw new LambdaInvocationException($"{source} at {url} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Tail(body)}", type);
        }
    }

    private static string Describe(string reply) =>
        reply.Trim().Length == 0 ? "nothing" : reply.Trim().Length > 200 ? $"'{reply.Trim()[..200]}...'" : $"'{reply.Trim()}'";

    private static string Tail(string text)
    {
        var lines = text.TrimEnd().Split('\n');
        var tail = string.Join(" | ", lines.TakeLast(3)).Trim();
        return tail.Length == 0 ? "(no output on stderr)" : tail;
    }

    private sealed class LambdaInvocationException(string message, string? exceptionType) : Exception(message)
    {
        public string? ExceptionType { get; } = exceptionType;
    }
}
