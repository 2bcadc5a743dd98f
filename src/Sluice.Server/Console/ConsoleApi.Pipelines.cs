using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Server.Console;

/// <summary>Pipelines: the list, one pipeline with its versions, executions and parameters, its graph, and starting it.</summary>
internal sealed partial class ConsoleApi
{
    private const int ExecutionsShown = 200;

    private async Task<JsonNode> PipelinesAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var list = new JsonArray();
        foreach (var pipeline in await _engine.Queries.ListPipelinesAsync(cancellationToken))
        {
            var json = ConsoleJson.Pipeline(pipeline);
            var page = await _engine.Queries.ListExecutionsPageAsync(new ExecutionPageQuery(pipeline.Name) { Limit = 1 }, cancellationToken);
            json["lastExecution"] = page?.Executions is [var last, ..]
                ? new JsonObject { ["arn"] = last.Arn, ["status"] = last.Status.ToString(), ["created"] = ConsoleJson.Time(last.CreationTime) }
                : null;
            list.Add(json);
        }

        return new JsonObject { ["pipelines"] = list };
    }

    private async Task<JsonNode> PipelineAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var name = Query(context, "name");
        var versions = await _engine.Queries.ListPipelineVersionsAsync(name, cancellationToken);
        if (versions.Count == 0)
        {
            throw ConsoleProblem.NotFound($"There is no pipeline '{name}'.");
        }

        var latest = versions[^1];
        var executions = await _engine.Queries.ListExecutionsAsync(name, cancellationToken);
        var json = ConsoleJson.Pipeline(latest);
        json["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)ConsoleJson.Pipeline(v))]);
        json["parameters"] = new JsonArray([.. _engine.DefinitionOf(latest).Parameters.Select(p => (JsonNode)ConsoleJson.Parameter(p))]);
        json["executions"] = new JsonArray([.. executions.Take(ExecutionsShown).Select(e => (JsonNode)ConsoleJson.Execution(e))]);
        json["executionCount"] = executions.Count;
        return json;
    }

    /// <summary>Every execution newest first (at most <see cref="ExecutionsShown"/>), or one pipeline's: <c>sluice executions</c>.</summary>
    private async Task<JsonNode> ExecutionsAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var name = context.Request.Query["pipeline"].ToString() is { Length: > 0 } given ? given : null;
        if (name is not null && (await _engine.Queries.ListPipelineVersionsAsync(name, cancellationToken)).Count == 0)
        {
            throw ConsoleProblem.NotFound($"There is no pipeline '{name}'.");
        }

        var executions = await _engine.Queries.ListExecutionsAsync(name, cancellationToken);
        return new JsonObject
        {
            ["executions"] = new JsonArray([.. executions.Take(ExecutionsShown).Select(e => (JsonNode)ConsoleJson.Execution(e))]),
            ["count"] = executions.Count,
        };
    }

    /// <summary>A version's layout, written as the cached text (a 10,000-step layout is over a megabyte: never parsed again).</summary>
    private async Task GraphAsync(HttpContext context)
    {
        try
        {
            _ = _security.Find(context) ?? throw Unauthorized();
            var layout = await LayoutAsync(context);
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(layout, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteProblemAsync(context, Problem(e));
        }
    }

    private async Task<string> LayoutAsync(HttpContext context)
    {
        var name = Query(context, "pipeline");
        long? version = context.Request.Query["version"].ToString() is { Length: > 0 } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw ConsoleProblem.Invalid("'version' must be a whole number.")
            : null;
        var pipeline = await _engine.Queries.GetPipelineAsync(name, version, context.RequestAborted)
            ?? throw ConsoleProblem.NotFound($"There is no pipeline '{name}'{(version is null ? string.Empty : $" version {version}")}.");
        return _layouts.Get(pipeline);
    }

    private async Task<JsonNode> StartAsync(HttpContext context, JsonElement body)
    {
        var parameters = new List<ParameterValue>();
        if (body.TryGetProperty("parameters", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (given.ValueKind != JsonValueKind.Object)
            {
                throw ConsoleProblem.Invalid("'parameters' must be an object of names to values.");
            }

            foreach (var parameter in given.EnumerateObject())
            {
                parameters.Add(new ParameterValue(parameter.Name, parameter.Value.ValueKind switch
                {
                    JsonValueKind.String => parameter.Value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => parameter.Value.GetRawText(),
                    _ => throw ConsoleProblem.Invalid($"'parameters.{parameter.Name}' must be a string, number or boolean."),
                }));
            }
        }

        long? version = body.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetInt64(out var number) && number > 0 ? number : throw ConsoleProblem.Invalid("'version' must be a whole number from 1.")
            : null;
        var execution = await _engine.StartExecutionAsync(
            new StartExecutionRequest
            {
                PipelineName = Required(body, "pipeline"),
                PipelineVersion = version,
                Parameters = parameters,
                DisplayName = Text(body, "displayName") is { Length: > 0 } display ? display : null,
                Selective = Selective(body),
            },
            context.RequestAborted);
        return ConsoleJson.Execution(execution);
    }

    /// <summary>A selective execution: <c>{"selective": {"source": ARN, "steps": [names]}}</c>, as SelectiveExecutionConfig.</summary>
    private static SelectiveExecution? Selective(JsonElement body)
    {
        if (!body.TryGetProperty("selective", out var selective) || selective.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (selective.ValueKind != JsonValueKind.Object)
        {
            throw ConsoleProblem.Invalid("'selective' must be an object with 'source' and 'steps'.");
        }

        var source = Text(selective, "source") is { Length: > 0 } arn ? arn : throw ConsoleProblem.Invalid("'selective.source' is required.");
        if (!selective.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array || steps.GetArrayLength() == 0
            || steps.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            throw ConsoleProblem.Invalid("'selective.steps' must be a list of step names, at least one.");
        }

        return new SelectiveExecution(source, [.. steps.EnumerateArray().Select(s => s.GetString()!)]);
    }
}
