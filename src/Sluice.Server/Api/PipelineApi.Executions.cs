using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Definitions;

namespace Sluice.Server.Api;

/// <content>Executions, their steps and parameters, and callback answers.</content>
public sealed partial class PipelineApi
{
    /// <summary>
    /// StartPipelineExecution. With a ClientRequestToken (<see cref="ApiRequest.ClientToken"/>), the answer is made here
    /// from the new ARN and stored in the start's own commit; the response is that same text.
    /// </summary>
    private async Task<string> StartPipelineExecutionAsync(ApiRequest api, CancellationToken cancellationToken)
    {
        var token = api.ClientToken;
        (string Arn, string Text)? stored = null;
        var execution = await StartPipelineExecutionAsync(
            api.Read(Wire.StartPipelineExecutionRequest),
            token?.ForStart(arn => (stored = (arn, StartResponse(arn))).Value.Text),
            cancellationToken);

        // The answer kept with the token is the response: made once, not serialized again.
        return stored is { } answer && answer.Arn == execution.Arn ? answer.Text : StartResponse(execution.Arn);
    }

    private static string StartResponse(string executionArn) =>
        JsonSerializer.Serialize(new StartPipelineExecutionResponse { PipelineExecutionArn = executionArn }, Wire.StartPipelineExecutionResponse);

    private async Task<ExecutionRecord> StartPipelineExecutionAsync(StartPipelineExecutionRequest request, StartClientToken? token, CancellationToken cancellationToken)
    {
        SelectiveExecution? selective = null;
        if (request.SelectiveExecutionConfig is { } config)
        {
            selective = new SelectiveExecution(
                config.SourcePipelineExecutionArn ?? throw ApiException.Validation("Invalid SourcePipelineExecutionArn: null."),
                [.. config.SelectedSteps.Select(s => s.StepName)]);
        }

        var execution = await Engine(() => engine.StartExecutionAsync(
            new StartExecutionRequest
            {
                PipelineName = Arns.PipelineName(request.PipelineName),
                PipelineVersion = request.PipelineVersionId,
                Parameters = [.. (request.PipelineParameters ?? []).Select(p => new ParameterValue(p.Name, p.Value ?? string.Empty))],
                DisplayName = request.PipelineExecutionDisplayName,
                Description = request.PipelineExecutionDescription,
                MaxParallelExecutionSteps = request.ParallelismConfiguration?.MaxParallelExecutionSteps,
                Selective = selective,
                ClientToken = token,
            },
            cancellationToken));
        return execution;
    }

    private async Task<StopPipelineExecutionResponse> StopPipelineExecutionAsync(StopPipelineExecutionRequest request, CancellationToken cancellationToken)
    {
        await Engine(() => engine.StopExecutionAsync(request.PipelineExecutionArn, cancellationToken));
        return new StopPipelineExecutionResponse { PipelineExecutionArn = request.PipelineExecutionArn };
    }

    private async Task<RetryPipelineExecutionResponse> RetryPipelineExecutionAsync(RetryPipelineExecutionRequest request, CancellationToken cancellationToken)
    {
        var arn = request.PipelineExecutionArn;
        if (request.ParallelismConfiguration is { } parallelism
            && await Queries.GetExecutionAsync(arn, cancellationToken) is { Status: ExecutionStatus.Failed or ExecutionStatus.Stopped })
        {
            // The retried run takes the new limit; a retry the engine then refuses leaves only this change behind.
            await Engine(() => engine.UpdateExecutionAsync(arn, e => e with { MaxParallelExecutionSteps = parallelism.MaxParallelExecutionSteps }, cancellationToken));
        }

        await Engine(() => engine.RetryExecutionAsync(arn, cancellationToken));
        return new RetryPipelineExecutionResponse { PipelineExecutionArn = arn };
    }

    private async Task<UpdatePipelineExecutionResponse> UpdatePipelineExecutionAsync(UpdatePipelineExecutionRequest request, CancellationToken cancellationToken)
    {
        await Engine(() => engine.UpdateExecutionAsync(
            request.PipelineExecutionArn,
            e => e with
            {
                DisplayName = request.PipelineExecutionDisplayName ?? e.DisplayName,
                Description = request.PipelineExecutionDescription ?? e.Description,
                MaxParallelExecutionSteps = request.ParallelismConfiguration?.MaxParallelExecutionSteps ?? e.MaxParallelExecutionSteps,
            },
            cancellationToken));
        return new UpdatePipelineExecutionResponse { PipelineExecutionArn = request.PipelineExecutionArn };
    }

    private async Task<DescribePipelineExecutionResponse> DescribePipelineExecutionAsync(DescribePipelineExecutionRequest request, CancellationToken cancellationToken) =>
        WireShapes.Execution(await ExecutionAsync(request.PipelineExecutionArn, cancellationToken));

    /// <summary>
    /// One page, read as such from the store: SortBy CreationTime (default; ties by ARN) or PipelineExecutionArn,
    /// SortOrder Descending (default) or Ascending, CreatedAfter and CreatedBefore (both exclusive), MaxResults 1 to 100
    /// (default 50), and NextToken from the page before.
    /// </summary>
    private async Task<ExecutionListAnswer> ListPipelineExecutionsAsync(ListPipelineExecutionsRequest request, CancellationToken cancellationToken)
    {
        var name = Arns.PipelineName(request.PipelineName);
        var query = new ExecutionPageQuery(name)
        {
            CreatedAfter = request.CreatedAfter,
            CreatedBefore = request.CreatedBefore,
            SortBy = request.SortBy == "PipelineExecutionArn" ? ExecutionSortBy.PipelineExecutionArn : ExecutionSortBy.CreationTime,
            Ascending = request.SortOrder == "Ascending",
            Limit = request.MaxResults ?? 50,
        };
        if (query.Limit is < 1 or > 100)
        {
            throw ApiException.Validation($"1 validation error detected: Value '{query.Limit}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
        }

        if (request.NextToken is { } token)
        {
            query = query with { After = ExecutionPageToken.Read(token, query) };
        }

        var page = await Queries.ListExecutionsPageAsync(query, cancellationToken)
            ?? throw new ApiException("ResourceNotFound", $"Pipeline '{name}' does not exist.");
        return new ExecutionListAnswer(page.Executions, page.HasMore ? ExecutionPageToken.Write(query, page.Executions[^1]) : null);
    }

    private async Task<ListPipelineExecutionStepsResponse> ListPipelineExecutionStepsAsync(ListPipelineExecutionStepsRequest request, CancellationToken cancellationToken)
    {
        var execution = await ExecutionAsync(request.PipelineExecutionArn, cancellationToken);
        var steps = (await Queries.ListStepsAsync(execution.Arn, cancellationToken)).ToList();
        if (request.SortOrder != "Ascending")
        {
            steps.Reverse(); // newest first, as SageMaker lists them by default
        }

        var pipeline = await Queries.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken);
        var definition = pipeline is null ? null : engine.DefinitionOf(pipeline);
        var (page, next) = Paging.Page(steps, request.MaxResults, request.NextToken);
        return new ListPipelineExecutionStepsResponse
        {
            PipelineExecutionSteps = [.. page.Select(step =>
            {
                StepDefinition? stepDefinition = null;
                definition?.TryGetStep(step.StepName, out stepDefinition);
                return WireShapes.Step(step, stepDefinition);
            })],
            NextToken = next,
        };
    }

    private async Task<ListPipelineParametersForExecutionResponse> ListPipelineParametersForExecutionAsync(ListPipelineParametersForExecutionRequest request, CancellationToken cancellationToken)
    {
        var execution = await ExecutionAsync(request.PipelineExecutionArn, cancellationToken);
        var (page, next) = Paging.Page(execution.Parameters, request.MaxResults, request.NextToken);
        return new ListPipelineParametersForExecutionResponse { PipelineParameters = [.. page.Select(WireShapes.Parameter)], NextToken = next };
    }

    private async Task<DescribePipelineDefinitionForExecutionResponse> DescribePipelineDefinitionForExecutionAsync(DescribePipelineDefinitionForExecutionRequest request, CancellationToken cancellationToken)
    {
        var execution = await ExecutionAsync(request.PipelineExecutionArn, cancellationToken);
        var pipeline = await Queries.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken)
            ?? throw new ApiException("ResourceNotFound", $"The definition of '{execution.Arn}' no longer exists.");
        return new DescribePipelineDefinitionForExecutionResponse { PipelineDefinition = pipeline.DefinitionText, CreationTime = execution.CreationTime };
    }

    private async Task<SendPipelineExecutionStepSuccessResponse> SendStepSuccessAsync(SendPipelineExecutionStepSuccessRequest request, CancellationToken cancellationToken)
    {
        var outputs = (request.OutputParameters ?? []).Select(o => new ParameterValue(o.Name, o.Value ?? string.Empty)).ToList();
        var arn = await Engine(() => engine.SendStepSuccessAsync(request.CallbackToken, outputs, cancellationToken));
        return new SendPipelineExecutionStepSuccessResponse { PipelineExecutionArn = arn };
    }

    private async Task<SendPipelineExecutionStepFailureResponse> SendStepFailureAsync(SendPipelineExecutionStepFailureRequest request, CancellationToken cancellationToken)
    {
        var arn = await Engine(() => engine.SendStepFailureAsync(request.CallbackToken, request.FailureReason, cancellationToken));
        return new SendPipelineExecutionStepFailureResponse { PipelineExecutionArn = arn };
    }

    private async Task<ExecutionRecord> ExecutionAsync(string? arn, CancellationToken cancellationToken)
    {
        if (arn is null)
        {
            throw ApiException.Validation("1 validation error detected: Value null at 'pipelineExecutionArn' failed to satisfy constraint: Member must not be null");
        }

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
