using System.Text.Json.Nodes;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;
using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Expressions;

/// <summary>
/// <c>Std:JsonGet</c>: a value read from a JSON file when the step runs, either a Processing step's
/// <see cref="PropertyFile"/> or an S3 object named by a <see cref="Join"/>.
/// </summary>
public sealed class JsonGet : PipelineVariable
{
    private readonly ProcessingStep? _step;
    private readonly string? _propertyFileName;
    private readonly Join? _s3Uri;

    /// <summary>Reads <paramref name="jsonPath"/> from a property file of a Processing step.</summary>
    /// <param name="step">The Processing step that writes the file.</param>
    /// <param name="propertyFile">The property file.</param>
    /// <param name="jsonPath">The path inside the file, e.g. <c>regression_metrics.mse.value</c>.</param>
    public JsonGet(ProcessingStep step, PropertyFile propertyFile, string jsonPath)
        : this(step, propertyFile.Name, jsonPath)
    {
    }

    /// <summary>Reads <paramref name="jsonPath"/> from a property file of a Processing step, named.</summary>
    /// <param name="step">The Processing step that writes the file.</param>
    /// <param name="propertyFileName">The property file's name.</param>
    /// <param name="jsonPath">The path inside the file.</param>
    public JsonGet(ProcessingStep step, string propertyFileName, string jsonPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(propertyFileName);
        ArgumentException.ThrowIfNullOrEmpty(jsonPath);
        _step = step;
        _propertyFileName = propertyFileName;
        JsonPath = jsonPath;
    }

    /// <summary>Reads <paramref name="jsonPath"/> from the JSON object at an S3 URI built when the step runs.</summary>
    /// <param name="s3Uri">The object's URI.</param>
    /// <param name="jsonPath">The path inside the object.</param>
    public JsonGet(Join s3Uri, string jsonPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(jsonPath);
        _s3Uri = s3Uri;
        JsonPath = jsonPath;
    }

    /// <summary>The path inside the file.</summary>
    public string JsonPath { get; }

    internal override JsonNode Write(BuildContext context)
    {
        var body = new JsonObject();
        if (_step is not null)
        {
            context.Reference(_step);
            body["PropertyFile"] = new JsonObject { ["Get"] = $"Steps.{_step.Name}.PropertyFiles.{_propertyFileName}" };
        }
        else
        {
            body["S3Uri"] = _s3Uri!.Write(context);
        }

        body["Path"] = JsonPath;
        return new JsonObject { ["Std:JsonGet"] = body };
    }
}
