using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Tests.Configuration;

public sealed class PipelineReferenceTests
{
    [Fact]
    public void Parse_Name_HasNoRegion()
    {
        PipelineReference.Parse("churn-training").ShouldBe(new PipelineReference("churn-training", null));
    }

    [Fact]
    public void Parse_RealArn_ReadsNameAndRegion()
    {
        PipelineReference.Parse("arn:aws:sagemaker:eu-west-1:111122223333:pipeline/churn-training")
            .ShouldBe(new PipelineReference("churn-training", "eu-west-1"));
    }

    [Fact]
    public void Parse_OtherPartition_ReadsNameAndRegion()
    {
        PipelineReference.Parse("arn:aws-cn:sagemaker:cn-north-1:111122223333:pipeline/p1")
            .ShouldBe(new PipelineReference("p1", "cn-north-1"));
    }

    [Fact]
    public void Parse_SeedArnForm_IsTolerated()
    {
        PipelineReference.Parse("arn:aws:sagemaker:us-east-2:111122223333:pipeline:legacy")
            .ShouldBe(new PipelineReference("legacy", "us-east-2"));
    }

    [Fact]
    public void Parse_ExecutionArn_SaysToGiveThePipeline()
    {
        var error = Should.Throw<ResourceException>(() => PipelineReference.Parse("arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/abc123"));

        error.Message.ShouldContain("source.pipeline");
        error.Message.ShouldContain("ARN of an execution");
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket/key", "not a SageMaker pipeline ARN")]
    [InlineData("arn:aws:sagemaker:us-east-1:111122223333:model/m", "not a pipeline")]
    [InlineData("has_underscore", "not a pipeline name or ARN")]
    [InlineData("ends-with-", "not a pipeline name or ARN")]
    public void Parse_Invalid_FailsNamingTheKey(string value, string expected)
    {
        var error = Should.Throw<ResourceException>(() => PipelineReference.Parse(value));

        error.Message.ShouldStartWith("source.pipeline");
        error.Message.ShouldContain(expected);
    }
}
