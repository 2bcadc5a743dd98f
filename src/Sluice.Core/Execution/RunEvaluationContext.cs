using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Sluice.Core.Artifacts;
using Sluice.Core.Storage;
using Sluice.Definitions;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Core.Execution;

/// <summary>What expressions read during one execution: its parameters, execution variables, and finished steps' properties.</summary>
internal sealed class RunEvaluationContext : IEvaluationContext
{
    private readonly PipelineDefinition _definition;
    private readonly ExecutionRecord _execution;
    private readonly BoundParameters _parameters;
    private readonly IObjectStore _objects;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, JsonElement> _properties;
    private readonly string? _jobName;
    private readonly StepType? _stepType;

    public RunEvaluationContext(
        PipelineDefinition definition,
        ExecutionRecord execution,
        BoundParameters parameters,
        IObjectStore objects,
        TimeProvider time,
        ConcurrentDictionary<string, JsonElement> properties)
        : this(definition, execution, parameters, objects, time, properties, null, null)
    {
    }

    private RunEvaluationContext(
        PipelineDefinition definition,
        ExecutionRecord execution,
        BoundParameters parameters,
        IObjectStore objects,
        TimeProvider time,
        ConcurrentDictionary<string, JsonElement> properties,
        StepType? stepType,
        string? jobName)
    {
        _definition = definition;
        _execution = execution;
        _parameters = parameters;
        _objects = objects;
        _time = time;
        _properties = properties;
        _stepType = stepType;
        _jobName = jobName;
    }

    /// <summary>The same context seen from inside a step, where Execution.TrainingJobName / ProcessingJobName name its job.</summary>
    public RunEvaluationContext ForStep(StepDefinition step, string jobName) =>
        new(_definition, _execution, _parameters, _objects, _time, _properties, step.Type, jobName);

    public bool TryGetParameter(string name, out JsonElement value) => _parameters.Values.TryGetValue(name, out value);

    public bool TryGetExecutionVariable(string name, out JsonElement value)
    {
        string? text = name switch
        {
            ExecutionVariables.PipelineName => _execution.PipelineName,
            ExecutionVariables.PipelineArn => _execution.PipelineArn,
            ExecutionVariables.PipelineExecutionId => _execution.ExecutionId,
            ExecutionVariables.PipelineExecutionArn => _execution.Arn,
            ExecutionVariables.StartDateTime => Timestamp(_execution.CreationTime),
            ExecutionVariables.CurrentDateTime => Timestamp(_time.GetUtcNow()),
            ExecutionVariables.TrainingJobName when _stepType == StepType.Training => _jobName,
            ExecutionVariables.ProcessingJobName when _stepType == StepType.Processing => _jobName,
            _ => null,
        };

        value = text is null ? default : Json.Parse(Json.Quote(text));
        return text is not null;
    }

    /// <summary>
    /// The execution's experiment config as resolved at its start (see <see cref="ExperimentResolver"/>); a member the
    /// definition does not give (or an execution started without a config) reads as the SDK's default, the pipeline's
    /// name and the execution's ID.
    /// </summary>
    public bool TryGetExperimentConfig(string name, out JsonElement value)
    {
        var text = name switch
        {
            "ExperimentName" => _execution.Experiment?.ExperimentName ?? _execution.PipelineName,
            "TrialName" => _execution.Experiment?.TrialName ?? _execution.ExecutionId,
            _ => null,
        };

        value = text is null ? default : Json.Parse(Json.Quote(text));
        return text is not null;
    }

    public StepDefinition? FindStep(string name) => _definition.TryGetStep(name, out var step) ? step : null;

    public bool TryGetStepProperties(string stepName, out JsonElement properties) => _properties.TryGetValue(stepName, out properties);

    public async Task<JsonElement> ReadJsonAsync(string s3Uri, CancellationToken cancellationToken) =>
        Json.Parse(await _objects.ReadTextAsync(s3Uri, cancellationToken));

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
