using System.Text.Json.Nodes;
using Sluice.Config.Reading;
using Sluice.Definitions.Expressions;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Steps;

namespace Sluice.Config.References;

/// <summary>
/// <c>${steps.STEP.PATH}</c>: a step's property. PATH is a Describe* path of the step's properties
/// (<c>ModelArtifacts.S3ModelArtifacts</c>, <c>ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri</c>), or one of
/// the short forms: <c>outputs.NAME</c> (a Processing step's output URI, or a Lambda or Callback step's output
/// parameter), <c>property_files.FILE.JSON_PATH</c> (<c>Std:JsonGet</c> from a Processing step's property file) and
/// <c>top_model</c> / <c>top_model.K</c> (the model of a Tuning step's best, or K-th best from 0, training job).
/// </summary>
internal static class StepReferences
{
    private const string Outputs = "outputs.";
    private const string PropertyFiles = "property_files.";
    private const string TopModel = "top_model";

    public static PipelineVariable Resolve(ReferencePart reference, Located at, string key, IStepLookup steps)
    {
        var dot = reference.Path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == reference.Path.Length - 1)
        {
            throw at.Error(key, $"'{reference.Text}' names a step but no property: write ${{steps.STEP.PATH}}, e.g. " +
                "${steps.TrainModel.ModelArtifacts.S3ModelArtifacts} or ${steps.PrepareData.outputs.train}");
        }

        var step = steps.GetStep(reference.Path[..dot], at, key);
        var path = reference.Path[(dot + 1)..];
        if (path.StartsWith(Outputs, StringComparison.Ordinal))
        {
            return Output(step, path[Outputs.Length..], reference, at, key);
        }

        if (path.StartsWith(PropertyFiles, StringComparison.Ordinal))
        {
            return PropertyFile(step, path[PropertyFiles.Length..], reference, at, key);
        }

        if (path == TopModel || path.StartsWith(TopModel + ".", StringComparison.Ordinal))
        {
            return TopModelUri(step, path, reference, at, key, steps);
        }

        if (!PropertyPath.TryParse(path, out var parsed, out var syntax))
        {
            throw at.Error(key, $"'{reference.Text}': '{path}' is not a property path: {syntax}");
        }

        return PropertyPathWalker.Walk(step, parsed, out var problem) ?? throw at.Error(key, $"'{reference.Text}': {problem}");
    }

    private static Sdk.Properties.PropertyValue Output(Step step, string name, ReferencePart reference, Located at, string key)
    {
        switch (step)
        {
            case ProcessingStep processing:
                var outputs = processing.Outputs.Select((o, i) => o.OutputName ?? $"output-{i + 1}").ToList();
                return outputs.Contains(name)
                    ? processing.Properties.ProcessingOutputConfig.Outputs[name].S3Output.S3Uri
                    : throw at.Error(key, $"'{reference.Text}': Processing step '{step.Name}' has no output '{name}'{Suggestions.Hint(name, outputs)}; " +
                        $"outputs: {(outputs.Count == 0 ? "none" : string.Join(", ", outputs))}");
            case LambdaStep lambda:
                return OutputParameter(step, lambda.Outputs, lambda.Properties.OutputParameters, name, reference, at, key);
            case CallbackStep callback:
                return OutputParameter(step, callback.Outputs, callback.Properties.OutputParameters, name, reference, at, key);
            default:
                throw at.Error(key, $"'{reference.Text}': outputs.NAME reads Processing, Lambda and Callback steps; '{step.Name}' is a {step.StepType} step");
        }
    }

    private static Sdk.Properties.PropertyValue OutputParameter(
        Step step,
        IList<OutputParameter> declared,
        Sdk.Properties.PropertyMap<Sdk.Properties.PropertyValue> map,
        string name,
        ReferencePart reference,
        Located at,
        string key)
    {
        var names = declared.Select(o => o.Name).ToList();
        return names.Contains(name)
            ? map[name]
            : throw at.Error(key, $"'{reference.Text}': {step.StepType} step '{step.Name}' has no output '{name}'{Suggestions.Hint(name, names)}; " +
                $"outputs: {(names.Count == 0 ? "none" : string.Join(", ", names))}");
    }

    private static JsonGet PropertyFile(Step step, string rest, ReferencePart reference, Located at, string key)
    {
        if (step is not ProcessingStep processing)
        {
            throw at.Error(key, $"'{reference.Text}': property files belong to Processing steps; '{step.Name}' is a {step.StepType} step");
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == rest.Length - 1)
        {
            throw at.Error(key, $"'{reference.Text}': write property_files.FILE.JSON_PATH, e.g. property_files.EvaluationReport.metrics.mse.value");
        }

        var file = rest[..dot];
        var files = processing.PropertyFiles.Select(f => f.Name).ToList();
        return files.Contains(file)
            ? new JsonGet(processing, file, rest[(dot + 1)..])
            : throw at.Error(key, $"'{reference.Text}': Processing step '{step.Name}' has no property file '{file}'{Suggestions.Hint(file, files)}; " +
                $"property files: {(files.Count == 0 ? "none" : string.Join(", ", files))}");
    }

    private static Join TopModelUri(Step step, string path, ReferencePart reference, Located at, string key, IStepLookup steps)
    {
        if (step is not TuningStep tuning)
        {
            throw at.Error(key, $"'{reference.Text}': top_model reads Tuning steps; '{step.Name}' is a {step.StepType} step");
        }

        var rank = 0;
        if (path.Length > TopModel.Length && !int.TryParse(path[(TopModel.Length + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out rank))
        {
            throw at.Error(key, $"'{reference.Text}': write top_model (the best) or top_model.K, K the rank from 0");
        }

        var outputPath = tuning.Tuner.Estimator.OutputPath is { } given
            ? given.ToJson() is JsonValue value && value.TryGetValue<string>(out var text) ? text : null
            : steps.Shared.Bucket is { } defaultBucket ? $"s3://{defaultBucket}/{steps.Shared.BucketPrefix}" : null;
        if (outputPath is null || !outputPath.StartsWith("s3://", StringComparison.Ordinal) || outputPath.Length == "s3://".Length)
        {
            throw at.Error(key, $"'{reference.Text}': the output path of Tuning step '{step.Name}' must be an s3:// URI known when the pipeline is built");
        }

        var rest = outputPath["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        return tuning.GetTopModelS3Uri(rank, bucket, prefix);
    }
}
