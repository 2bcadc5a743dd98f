using System.Text.Json;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a RegisterModel step (CreateModelPackage) by registering the next version of the model package group in the
/// local registry, with its approval status, metrics and inference specification. Its properties are the
/// DescribeModelPackage response (ModelPackageArn ends with the version number).
/// </summary>
public sealed class RegisterModelStepRunner : IStepRunner
{
    private static readonly string[] ApprovalStatuses = ["PendingManualApproval", "Approved", "Rejected"];

    /// <inheritdoc />
    public bool UsesJobSlot => false;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        if (!arguments.Member("ModelPackageGroupName").TryGetString(out var group) || group.Length == 0)
        {
            return new StepResult.Failed("ClientError: RegisterModel needs a ModelPackageGroupName (unversioned packages are not supported here)", null);
        }

        var approval = arguments.Member("ModelApprovalStatus").TryGetString(out var status) ? status : "PendingManualApproval";
        if (Array.IndexOf(ApprovalStatuses, approval) < 0)
        {
            return new StepResult.Failed($"ClientError: ModelApprovalStatus '{approval}' is not one of {string.Join(", ", ApprovalStatuses)}", null);
        }

        var now = context.Time.GetUtcNow();
        var package = await context.Registry.AddModelPackageAsync(
            group,
            version =>
            {
                var arn = JobSteps.Arn(context, "model-package", $"{group}/{version}");
                var describe = JobSteps.Describe(arguments, "ModelApprovalStatus", [
                    ("ModelPackageName", Json.Quote(group)),
                    ("ModelPackageVersion", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("ModelPackageArn", Json.Quote(arn)),
                    ("ModelPackageStatus", "\"Completed\""),
                    ("ModelPackageStatusDetails", "{\"ValidationStatuses\": [], \"ImageScanStatuses\": []}"),
                    ("ModelApprovalStatus", Json.Quote(approval)),
                    ("CreationTime", JobSteps.Seconds(now)),
                    ("LastModifiedTime", JobSteps.Seconds(now)),
                ]);
                return new ModelPackageRecord(group, version, arn, approval, describe.GetRawText(), now, now);
            },
            cancellationToken);
        return new StepResult.Succeeded(Json.Parse(package.DescribeJson))
        {
            Metadata = Json.Parse("{\"RegisterModel\": {\"Arn\": " + Json.Quote(package.Arn) + "}}"),
        };
    }
}
