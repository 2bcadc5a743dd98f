using System.Text.Json;
using Sluice.Core.Jobs;

namespace Sluice.Core.Tests.Jobs;

/// <summary>Describe* answers built from a job step's Arguments.</summary>
public sealed class JobStepsTests
{
    [Fact]
    public void Describe_OutputDataConfigWithoutKmsKeyId_WritesItEmptyAsSageMakerDoes()
    {
        using var arguments = JsonDocument.Parse("""{"TrainingJobName":"x","OutputDataConfig":{"S3OutputPath":"s3://b/out"},"RoleArn":"r"}""");

        var described = JobSteps.Describe(arguments.RootElement, "TrainingJobName", [("TrainingJobName", "\"job\""), ("RoleArn", "\"replaced\"")]);

        described.GetProperty("OutputDataConfig").GetProperty("KmsKeyId").GetString().ShouldBe(string.Empty);
        described.GetProperty("OutputDataConfig").GetProperty("S3OutputPath").GetString().ShouldBe("s3://b/out");
        described.GetProperty("TrainingJobName").GetString().ShouldBe("job");
        described.EnumerateObject().Count(p => p.Name == "RoleArn").ShouldBe(1);
        described.GetProperty("RoleArn").GetString().ShouldBe("replaced");
    }

    [Fact]
    public void Describe_OutputDataConfigWithKmsKeyId_KeepsIt()
    {
        using var arguments = JsonDocument.Parse("""{"OutputDataConfig":{"S3OutputPath":"s3://b/out","KmsKeyId":"alias/k"}}""");

        JobSteps.Describe(arguments.RootElement, "TrainingJobName", []).GetProperty("OutputDataConfig").GetProperty("KmsKeyId").GetString().ShouldBe("alias/k");
    }
}
