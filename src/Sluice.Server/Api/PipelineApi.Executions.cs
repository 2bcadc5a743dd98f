using System.Text.Json;
using Sluice.Core.Api;
using Sluice.Definitions;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using static Sluice.Server.Api.Responses;

namespace Sluice.Server.Api;

/// <content>Executions, their steps and parameters, and callback answers.</content>
public sealed partial class PipelineApi
{
    private async Task<string> StartPipelineExecutionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = Arns.PipelineName(request.Required("PipelineName"));
        var parameters = new List<ParameterValue>();
        foreach (var parameter in request.List("PipelineParameters")?.EnumerateArray() ?? default)
        {
            parameters.Add(new ParameterValue(parameter.GetProperty("Name").GetString()!, parameter.TryGetProperty("Value", out var v) ? v.GetString() ?? string.Empty : string.Empty));
        }

        SelectiveExecution? selective = null;
        if (request.Object("SelectiveExecutionConfig") is { } config)
        {
            var source = config.TryGetProperty("SourcePipelineExecutionArn", out var s) ? s.GetString() : null;
            var steps = config.TryGetProperty("SelectedSteps", out var list) ? list.EnumerateArray().Select(x => x.GetProperty("StepName").GetString()!).ToList() : [];
            selective = new SelectiveExecution(source ?? throw ApiException.Validation("Invalid SourcePipelineExecutionArn: null."), steps);
        }

        var execution = await Engine(() => engine.StartExecutionAsync(
            new StartExecutionRequest
            {
                PipelineName = name,
                PipelineVersion = request.Body.TryGetProperty("PipelineVersionId", out var version) && version.ValueKind == JsonValueKind.Number ? version.GetInt64() : null,
                Parameters = parameters,
                DisplayName = request.Optional("PipelineExecutionDisplayName"),
                Description = request.Optional("PipelineExecutionDescription", 3072),
                MaxParallelExecutionSteps = request.Object("ParallelismConfiguration") is { } p && p.TryGetProperty("MaxParallelExecutionSteps", out var m) ? m.GetInt32() : null,
                Selective = selective,
            },
            cancellationToken));
        return Write(w => w.WriteString("PipelineExecutionArn", execution.Arn));
    }

    private async Task<string> StopPipelineExecutionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Required("PipelineExecutionArn");
        await Engine(() => engine.StopExecutionAsync(arn, cancellationToken));
        return Write(w => w.WriteString("PipelineExecutionArn", arn));
    }

    private async Task<string> RetryPipelineExecutionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Required("PipelineExecutionArn");
        if (request.Object("ParallelismConfiguration") is { } p && p.TryGetProperty("MaxParallelExecutionSteps", out var m)
            && await Queries.GetExecutionAsync(arn, cancellationToken) is { Status: ExecutionStatus.Failed or ExecutionStatus.Stopped })
        {
            // The retried run takes the new limit; a retry the engine then refuses leaves only this change behind.
            await Engine(() => engine.UpdateExecutionAsync(arn, e => e with { MaxParallelExecutionSteps = m.GetInt32() }, cancellationToken));
        }

        await Engine(() => engine.RetryExecutionAsync(arn, cancellationToken));
        return Write(w => w.WriteString("PipelineExecutionArn", arn));
    }

    private async Task<string> DescribePipelineExecutionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var execution = await ExecutionAsync(request, cancellationToken);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ApiShapes.WriteExecution(writer, execution);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// One page, read as such from the store: SortBy CreationTime (default; ties by ARN) or PipelineExecutionArn,
    /// SortOrder Descending (default) or Ascending, CreatedAfter and CreatedBefore (both exclusive), MaxResults 1 to 100
    /// (default 50), and NextToken from the page before.
    /// </summary>
    private async Task<string> ListPipelineExecutionsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = Arns.PipelineName(request.Required("PipelineName"));
        var query = new ExecutionPageQuery(name)
        {
            CreatedAfter = request.Time("CreatedAfter"),
            CreatedBefore = request.Time("CreatedBefore"),
            SortBy = request.Optional("SortBy") == "PipelineExecutionArn" ? ExecutionSortBy.PipelineExecutionArn : ExecutionSortBy.CreationTime,
            Ascending = request.Optional("SortOrder") == "Ascending",
            Limit = request.Integer("MaxResults", 1, 100) ?? 50,
        };
        if (request.Optional("NextToken", 8192) is { } token)
        {
            query = query with { After = ExecutionPageToken.Read(token, query) };
        }

        var page = await Queries.ListExecutionsPageAsync(query, cancellationToken)
            ?? throw new ApiException("ResourceNotFound", $"Pipeline '{name}' does not exist.");
        return Write(w =>
        {
            w.WriteStartArray("PipelineExecutionSummaries");
            foreach (var e in page.Executions)
            {
                w.WriteStartObject();
                w.WriteString("PipelineExecutionArn", e.Arn);
                ApiShapes.WriteTime(w, "StartTime", e.CreationTime);
                w.WriteString("PipelineExecutionStatus", e.Status.ToString());
                Optional(w, "PipelineExecutionDescription", e.Description);
                Optional(w, "PipelineExecutionDisplayName", e.DisplayName);
                Optional(w, "PipelineExecutionFailureReason", e.FailureReason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (page.HasMore)
            {
                w.WriteString("NextToken", ExecutionPageToken.Write(query, page.Executions[^1]));
            }
        });
    }

    private async Task<string> ListPipelineExecutionStepsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var execution = await ExecutionAsync(request, cancellationToken);
        var steps = (await Queries.ListStepsAsync(execution.Arn, cancellationToken)).ToList();
        if (request.Optional("SortOrder") != "Ascending")
        {
            steps.Reverse(); // newest first, as SageMaker lists them by default
        }

        var pipeline = await Queries.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken);
        var definition = pipeline is null ? null : engine.DefinitionOf(pipeline);
        return Page(request, steps, "PipelineExecutionSteps", (w, step) =>
        {
            StepDefinition? stepDefinition = null;
            definition?.TryGetStep(step.StepName, out stepDefinition);
            ApiShapes.WriteStep(w, step, stepDefinition);
        });
    }

    private async Task<string> ListPipelineParametersForExecutionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var execution = await ExecutionAsync(request, cancellationToken);
        return Page(request, execution.Parameters, "PipelineParameters", ApiShapes.WriteParameter);
    }

    private async Task<string> DescribePipelineDefinitionForExecutionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var execution = await ExecutionAsync(request, cancellationToken);
        var pipeline = await Queries.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken)
            ?? throw new ApiException("ResourceNotFound", $"The definition of '{execution.Arn}' no longer exists.");
        return Write(w =>
        {
            w.WriteString("PipelineDefinition", pipeline.DefinitionText);
            ApiShapes.WriteTime(w, "CreationTime", execution.CreationTime);
        });
    }

    private async Task<string> SendStepSuccessAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var token = request.Required("CallbackToken");
        var outputs = (request.List("OutputParameters")?.EnumerateArray() ?? default)
            .Select(o => new ParameterValue(o.GetProperty("Name").GetString()!, o.GetProperty("Value").GetString() ?? string.Empty))
            .ToList();
        var arn = await Engine(() => engine.SendStepSuccessAsync(token, outputs, cancellationToken));
        return Write(w => w.WriteString("PipelineExecutionArn", arn));
    }

    private async Task<string> SendStepFailureAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var token = request.Required("CallbackToken");
        var arn = await Engine(() => engine.SendStepFailureAsync(token, request.Optional("FailureReason"), cancellationToken));
        return Write(w => w.WriteString("PipelineExecutionArn", arn));
    }

    private async Task<ExecutionRecord> ExecutionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Required("PipelineExecutionArn");
        return await Queries.GetExecutionAsync(arn, cancellationToken)
            ?? throw new ApiException("ResourceNotFound", $"Pipeline execution '{arn}' does not exist.");
    }

    /// <summary>Runs an engine call, turning its errors into SageMaker's.</summary>
    private static async Task<T> Engine<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ResourceNotFoundException e)
        {
            throw new ApiException("ResourceNotFound", e.Message);
        }
        catch (ConflictException e)
        {
            throw new ApiException("ConflictException", e.Message);
        }
        catch (ParameterBindingException e)
        {
            throw ApiException.Validation(e.Message);
        }
        catch (RequestValidationException e)
        {
            throw ApiException.Validation(e.Message);
        }
        catch (InvalidDefinitionException e)
        {
            throw ApiException.Validation(e.Message);
        }
    }
}
