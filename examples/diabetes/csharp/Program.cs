using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;
using Sluice.Examples.Diabetes;
using Sluice.Sdk;
using Sluice.Sdk.Remote;

// Without --start: writes the example's definition, to the file given as the argument or to standard output.
// `dotnet run --project examples/diabetes/csharp -- examples/diabetes/pipeline.json` rewrites the committed file
// with the same bytes.
//
// With --start [NAME=VALUE ...]: upserts the pipeline through the SageMaker API, starts it with those parameters and
// waits for the end, printing each step as it changes. The endpoint, credentials and region come from the
// environment: AWS_ENDPOINT_URL=http://localhost:8080 for `sluice serve`, nothing for SageMaker itself; the role from
// SAGEMAKER_ROLE_ARN. The exit code is sluice run's: 0 Succeeded, 1 Failed, 3 Stopped, 2 when nothing
// could be started (an invalid pipeline or parameter, no credentials, the service's refusal).
var pipeline = DiabetesPipeline.Build();
if (args is ["--start", .. var assignments])
{
    var parameters = new Dictionary<string, object>();
    foreach (var assignment in assignments)
    {
        if (assignment.Split('=', 2) is not [var name, var value])
        {
            await Console.Error.WriteLineAsync($"'{assignment}' is not NAME=VALUE");
            return 2;
        }

        parameters[name] = value;
    }

    SageMakerClient? client = null;
    PipelineExecution execution;
    try
    {
        // Upsert throws before any request when the pipeline is not valid, and Start when a parameter does not fit it.
        client = PipelineClients.FromEnvironment();
        var role = Environment.GetEnvironmentVariable("SAGEMAKER_ROLE_ARN") ?? DiabetesPipeline.Role;
        var upserted = await pipeline.UpsertAsync(client, role, "The Sluice diabetes example, from Sluice.Sdk");
        await Console.Error.WriteLineAsync($"{(upserted.Created ? "created" : $"updated to version {upserted.PipelineVersionId}")} {upserted.PipelineArn}");
        execution = await pipeline.StartAsync(client, parameters);
    }
    catch (Exception e) when (e is ArgumentException or PipelineValidationException or AwsConfigurationException or AwsServiceException or HttpRequestException)
    {
        client?.Dispose();
        await Console.Error.WriteLineAsync(e.Message);
        return 2;
    }

    using (client)
    {
        await Console.Error.WriteLineAsync($"started {execution.Arn}");
        var final = await execution.WaitAsync(stepProgress: new StepPrinter());
        await Console.Out.WriteLineAsync($"{final.PipelineExecutionStatus}{(final.FailureReason is { } reason ? $": {reason}" : string.Empty)}");
        return final.PipelineExecutionStatus switch
        {
            PipelineExecutionStatus.Succeeded => 0,
            PipelineExecutionStatus.Stopped => 3,
            _ => 1,
        };
    }
}

var definition = pipeline.ToDefinitionJson();
if (args.Length > 0)
{
    await File.WriteAllTextAsync(args[0], definition);
}
else
{
    await Console.Out.WriteAsync(definition);
}

return 0;

/// <summary>Prints each step change as WaitAsync reports it, at once (Progress&lt;T&gt; would post it to the thread pool).</summary>
internal sealed class StepPrinter : IProgress<PipelineExecutionStep>
{
    public void Report(PipelineExecutionStep value) =>
        Console.Error.WriteLine($"  {value.StepName}: {value.StepStatus}{(value.FailureReason is { } reason ? $" ({reason})" : string.Empty)}");
}
