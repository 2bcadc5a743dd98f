using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Sluice.Core.Storage;

namespace Sluice.Server.Console;

/// <summary>Executions and steps: reading them, stopping, retrying, answering Callback steps.</summary>
internal sealed partial class ConsoleApi
{
    private async Task<JsonNode> ExecutionAsync(HttpContext context) =>
        await SnapshotAsync(Query(context, "arn"), context.RequestAborted);

    /// <summary>An execution with every stored step: what a page shows before the changes that follow.</summary>
    private async Task<JsonObject> SnapshotAsync(string arn, CancellationToken cancellationToken)
    {
        var execution = await _engine.Queries.GetExecutionAsync(arn, cancellationToken)
            ?? throw ConsoleProblem.NotFound($"There is no execution '{arn}'.");
        var steps = await _engine.Queries.ListStepsAsync(arn, cancellationToken);
        return new JsonObject
        {
            ["execution"] = ConsoleJson.Execution(execution),
            ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)ConsoleJson.Step(s))]),
        };
    }

    private async Task<JsonNode> StopAsync(HttpContext context, JsonElement body) =>
        ConsoleJson.Execution(await _engine.StopExecutionAsync(Required(body, "arn"), context.RequestAborted));

    private async Task<JsonNode> RetryAsync(HttpContext context, JsonElement body) =>
        ConsoleJson.Execution(await _engine.RetryExecutionAsync(Required(body, "arn"), context.RequestAborted));

    private async Task<JsonNode> StepAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var arn = Query(context, "execution");
        var name = Query(context, "step");
        var execution = await _engine.Queries.GetExecutionAsync(arn, cancellationToken)
            ?? throw ConsoleProblem.NotFound($"There is no execution '{arn}'.");
        var pipeline = await _engine.Queries.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken)
            ?? throw ConsoleProblem.NotFound($"Pipeline '{execution.PipelineName}' version {execution.PipelineVersion} no longer exists.");
        var definition = _engine.DefinitionOf(pipeline);
        if (!definition.TryGetStep(name, out var step))
        {
            throw ConsoleProblem.NotFound($"Execution '{arn}' has no step '{name}'.");
        }

        var record = (await _engine.Queries.ListStepsAsync(arn, cancellationToken)).FirstOrDefault(s => s.StepName == name);
        return new JsonObject
        {
            ["execution"] = ConsoleJson.Execution(execution),
            ["name"] = step.Name,
            ["type"] = step.TypeName,
            ["displayName"] = step.DisplayName,
            ["description"] = step.Description,
            ["definition"] = JsonNode.Parse(step.Source.GetRawText()),
            ["record"] = record is null ? null : ConsoleJson.Step(record, full: true),
            ["hasLog"] = LogFile(execution, name) is { } log && File.Exists(log)
                || (record?.CacheSourceExecutionArn is not null),
        };
    }

    private async Task<JsonNode> CallbackAsync(HttpContext context, JsonElement body)
    {
        var token = Required(body, "token");
        var outcome = Required(body, "outcome");
        string executionArn;
        if (outcome == "success")
        {
            var outputs = new List<ParameterValue>();
            if (body.TryGetProperty("outputs", out var given) && given.ValueKind == JsonValueKind.Object)
            {
                foreach (var output in given.EnumerateObject())
                {
                    outputs.Add(new ParameterValue(output.Name, output.Value.ValueKind == JsonValueKind.String ? output.Value.GetString()! : output.Value.GetRawText()));
                }
            }

            executionArn = await _engine.SendStepSuccessAsync(token, outputs, context.RequestAborted);
        }
        else if (outcome == "failure")
        {
            executionArn = await _engine.SendStepFailureAsync(token, Text(body, "reason"), context.RequestAborted);
        }
        else
        {
            throw ConsoleProblem.Invalid("'outcome' must be 'success' or 'failure'.");
        }

        return new JsonObject { ["execution"] = executionArn };
    }
}
