using System.Text.Json;

namespace Sluice.Client.SageMaker.Registry;

/// <summary>The response of <c>DescribeModel</c>, kept as JSON with typed members for the common fields (see <see cref="JsonBackedResponse"/>).</summary>
/// <param name="json">The response body.</param>
public sealed class DescribeModelResponse(JsonElement json) : JsonBackedResponse(json)
{
    /// <summary>The name of the model.</summary>
    public string? ModelName => GetString(nameof(ModelName));

    /// <summary>The Amazon Resource Name (ARN) of the model.</summary>
    public string? ModelArn => GetString(nameof(ModelArn));

    /// <summary>The IAM role the model's containers run as.</summary>
    public string? ExecutionRoleArn => GetString(nameof(ExecutionRoleArn));

    /// <summary>The image of the primary container (<c>PrimaryContainer.Image</c>).</summary>
    public string? PrimaryContainerImage => GetString("PrimaryContainer", "Image");

    /// <summary>The S3 URI of the primary container's model data (<c>PrimaryContainer.ModelDataUrl</c>).</summary>
    public string? PrimaryContainerModelDataUrl => GetString("PrimaryContainer", "ModelDataUrl");

    /// <summary>When the model was created.</summary>
    public DateTimeOffset? CreationTime => GetTime(nameof(CreationTime));
}
