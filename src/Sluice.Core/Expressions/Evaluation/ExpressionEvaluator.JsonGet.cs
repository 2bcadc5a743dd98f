using System.Text.Json;

namespace Sluice.Definitions.Expressions.Evaluation;

// Std:JsonGet: a value read from a JSON document in the object store.
public static partial class ExpressionEvaluator
{
    private static async ValueTask<JsonElement> EvaluateJsonGetAsync(
        JsonGetExpression jsonGet,
        IEvaluationContext context,
        CancellationToken ct)
    {
        string subject;
        string uri;
        if (jsonGet.PropertyFile is not null)
        {
            if (jsonGet.PropertyFile is not GetExpression { Reference: StepPropertyReference { PropertyFileName: { } fileName } reference })
            {
                throw new EvaluationException(ExpressionText.Of(jsonGet),
                    "PropertyFile must be {\"Get\": \"Steps.<step>.PropertyFiles.<name>\"}");
            }

            subject = $"Std:JsonGet of property file '{fileName}' of step '{reference.StepName}'";
            uri = PropertyFileUri(reference.StepName, fileName, subject, context);
            subject += $" ({uri})";
        }
        else if (jsonGet.S3Uri is not null)
        {
            var location = await EvaluateCoreAsync(jsonGet.S3Uri, context, ct);
            if (location.ValueKind != JsonValueKind.String)
            {
                throw new EvaluationException(ExpressionText.Of(jsonGet), $"S3Uri must give a string, not {JsonValues.Show(location)}");
            }

            uri = location.GetString()!;
            subject = $"Std:JsonGet of {uri}";
        }
        else
        {
            throw new EvaluationException(ExpressionText.Of(jsonGet), "Std:JsonGet needs a PropertyFile or an S3Uri");
        }

        var pathValue = await EvaluateCoreAsync(jsonGet.Path, context, ct);
        if (pathValue.ValueKind != JsonValueKind.String)
        {
            throw new EvaluationException(subject, $"Path must give a string, not {JsonValues.Show(pathValue)}");
        }

        var pathText = pathValue.GetString()!;
        if (!PropertyPath.TryParse(pathText, out var path, out var pathError))
        {
            throw new EvaluationException(subject, $"path '{pathText}' is not a valid JSON path: {pathError}");
        }

        var document = await ReadDocumentAsync(uri, subject, context, ct);
        if (!PropertyWalker.TryWalk(document, path.Segments, keyedListItems: false, out var value, out var reason))
        {
            throw new EvaluationException(subject, $"path '{pathText}' not found ({reason})");
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            throw new EvaluationException(subject, $"the value at path '{pathText}' is null");
        }

        return value.Clone();
    }

    private static string PropertyFileUri(string stepName, string fileName, string subject, IEvaluationContext context)
    {
        var step = context.FindStep(stepName) ?? throw new EvaluationException(subject, $"the pipeline has no step '{stepName}'");
        var file = step.PropertyFiles.FirstOrDefault(f => string.Equals(f.Name, fileName, StringComparison.Ordinal));
        if (file is null)
        {
            var defined = step.PropertyFiles.Count == 0
                ? "none"
                : string.Join(", ", step.PropertyFiles.Select(f => "'" + f.Name + "'"));
            throw new EvaluationException(subject,
                $"step '{stepName}' defines no property file '{fileName}' (its PropertyFiles: {defined})");
        }

        var properties = StepProperties(stepName, subject, context);
        PropertyPathSegment[] outputUri =
        [
            new PropertyPathSegment.Member("ProcessingOutputConfig"),
            new PropertyPathSegment.Member("Outputs"),
            new PropertyPathSegment.Key(file.OutputName),
            new PropertyPathSegment.Member("S3Output"),
            new PropertyPathSegment.Member("S3Uri"),
        ];
        if (!PropertyWalker.TryWalk(properties, outputUri, keyedListItems: true, out var location, out var reason))
        {
            throw new EvaluationException(subject,
                $"step '{stepName}' has no S3 URI for processing output '{file.OutputName}', which holds the property file ({reason})");
        }

        if (location.ValueKind != JsonValueKind.String)
        {
            throw new EvaluationException(subject,
                $"the S3Uri of processing output '{file.OutputName}' of step '{stepName}' is {JsonValues.Show(location)}, not a string");
        }

        return CombineUri(location.GetString()!, file.FilePath);
    }

    /// <summary>Joins an output prefix and a file path with exactly one slash, as the SDK's <c>s3_path_join</c> does.</summary>
    private static string CombineUri(string prefix, string filePath)
    {
        var file = filePath.TrimStart('/');
        return file.Length == 0 ? prefix : prefix.TrimEnd('/') + "/" + file;
    }

    private static async ValueTask<JsonElement> ReadDocumentAsync(
        string uri,
        string subject,
        IEvaluationContext context,
        CancellationToken ct)
    {
        try
        {
            return await context.ReadJsonAsync(uri, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (JsonException e)
        {
            throw new EvaluationException(subject, $"the file is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is not EvaluationException)
        {
            throw new EvaluationException(subject, $"the file could not be read: {e.Message}", e);
        }
    }
}
