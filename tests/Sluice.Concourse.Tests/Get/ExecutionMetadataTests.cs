using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Concourse.Get;
using Sluice.Concourse.Protocol;

namespace Sluice.Concourse.Tests.Get;

public sealed class ExecutionMetadataTests
{
    [Fact]
    public void From_CreatedByProfile_ListsEverythingInOrder()
    {
        var execution = new DescribePipelineExecutionResponse
        {
            PipelineExecutionDisplayName = "nightly",
            PipelineExecutionStatus = "Succeeded",
            CreatedBy = new UserContext { UserProfileName = "fake-user-profile-name" },
            PipelineExecutionDescription = "Nightly run",
        };

        ExecutionMetadata.From(execution).ShouldBe(
        [
            new MetadataField("Display Name", "nightly"),
            new MetadataField("Status", "Succeeded"),
            new MetadataField("Created By", "fake-user-profile-name"),
            new MetadataField("Description", "Nightly run"),
        ]);
    }

    [Fact]
    public void From_CreatedByWithoutProfile_FallsBackToIamIdentity()
    {
        var execution = new DescribePipelineExecutionResponse
        {
            PipelineExecutionStatus = "Succeeded",
            CreatedBy = new UserContext { IamIdentity = new IamIdentity { Arn = "arn:aws:sts::111122223333:assumed-role/ci/concourse" } },
        };

        ExecutionMetadata.From(execution).ShouldContain(new MetadataField("Created By", "arn:aws:sts::111122223333:assumed-role/ci/concourse"));
    }

    [Fact]
    public void From_CreatedByEmpty_LeavesItOut()
    {
        var execution = new DescribePipelineExecutionResponse { PipelineExecutionStatus = "Stopped", CreatedBy = new UserContext() };

        ExecutionMetadata.From(execution).ShouldBe([new MetadataField("Status", "Stopped")]);
    }

    [Fact]
    public void From_Failed_AddsFailureReason()
    {
        var execution = new DescribePipelineExecutionResponse { PipelineExecutionStatus = "Failed", FailureReason = "Step Train failed" };

        ExecutionMetadata.From(execution).ShouldBe([new MetadataField("Status", "Failed"), new MetadataField("Failure Reason", "Step Train failed")]);
    }

    [Fact]
    public void From_SucceededWithStaleFailureReason_LeavesItOut()
    {
        var execution = new DescribePipelineExecutionResponse { PipelineExecutionStatus = "Succeeded", FailureReason = "an earlier attempt failed" };

        ExecutionMetadata.From(execution).ShouldBe([new MetadataField("Status", "Succeeded")]);
    }
}
