namespace Sluice.Sdk.Tests.Support;

/// <summary>Values the SDK-written fixtures share.</summary>
internal static class Fixture
{
    public const string Role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-20240315T101010";
    public const string Bucket = "sagemaker-us-west-2-111122223333";
    public const string SklearnImage = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
    public const string XgboostImage = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1";

    public static PipelineSession Session { get; } = new() { Region = "us-west-2", DefaultBucket = Bucket };

    /// <summary>Where the SDK uploaded a pipeline's local code, by the hash in the fixture.</summary>
    public static string Code(string pipeline, string hash, string file) => $"s3://{Bucket}/{pipeline}/code/{hash}/{file}";
}
