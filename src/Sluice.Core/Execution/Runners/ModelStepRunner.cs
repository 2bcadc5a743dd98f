using System.Text.Json;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a Model step (CreateModel) by recording the model in the local registry; its properties are the
/// DescribeModel response, so Transform steps and later steps can read <c>Steps.M.ModelName</c>.
/// </summary>
public sealed class ModelStepRunner : IStepRunner
{
    /// <inheritdoc />
    public bool UsesJobSlot => false;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        var name = arguments.Member("ModelName").TryGetString(out var given) ? given : context.JobName;
        var arn = JobSteps.Arn(context, "model", name);
        var metadata = Json.Parse("{\"Model\": {\"Arn\": " + Json.Quote(arn) + "}}");
        if (arguments.Member("PrimaryContainer") is null && arguments.Member("Containers") is null)
        {
            return new StepResult.Failed("ClientError: a model needs a PrimaryContainer or Containers", null) { Metadata = metadata };
        }

        var now = context.Time.GetUtcNow();
        var properties = JobSteps.Describe(arguments, "ModelName", [
            ("ModelName", Json.Quote(name)),
            ("ModelArn", Json.Quote(arn)),
            ("CreationTime", JobSteps.Seconds(now)),
            .. arguments.Member("EnableNetworkIsolation") is null ? [("EnableNetworkIsolation", "false")] : Array.Empty<(string, string)>(),
        ]);
        await context.Registry.SaveModelAsync(new ModelRecord(name, arn, properties.GetRawText(), now), cancellationToken);
        return new StepResult.Succeeded(properties) { Metadata = metadata };
    }
}
