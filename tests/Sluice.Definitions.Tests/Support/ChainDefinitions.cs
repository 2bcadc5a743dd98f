using System.Globalization;
using System.Text;

namespace Sluice.Definitions.Tests.Support;

/// <summary>
/// The bench's "chain" shape (bench/workloads/definitions.py): Processing steps as the SageMaker Python SDK writes
/// them, each reading the previous step's output, with two parameters. Clean: it validates with no problem but the
/// size warning of very large ones.
/// </summary>
internal static class ChainDefinitions
{
    public static string Text(int steps)
    {
        var text = new StringBuilder();
        text.Append("""{"Version": "2020-12-01", "Metadata": {}, "Parameters": [{"Name": "InputData", "Type": "String", "DefaultValue": "s3://sluice-bench/raw/abalone.csv"}, {"Name": "ProcessingInstanceType", "Type": "String", "DefaultValue": "ml.m5.xlarge"}], "Steps": [""");
        for (var i = 1; i <= steps; i++)
        {
            var source = i == 1
                ? """{"Get": "Parameters.InputData"}"""
                : """{"Get": "Steps.P#.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri"}""".Replace("#", (i - 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            text.Append(i == 1 ? string.Empty : ", ").Append(Step.Replace("{source}", source, StringComparison.Ordinal).Replace("#", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        return text.Append("]}").ToString();
    }

    private const string Step = """
                {"Name": "P#", "Type": "Processing", "Arguments": {"ProcessingResources": {"ClusterConfig": {"InstanceType": {"Get": "Parameters.ProcessingInstanceType"}, "InstanceCount": 1, "VolumeSizeInGB": 30}}, "AppSpecification": {"ImageUri": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3", "ContainerEntrypoint": ["python3", "/opt/ml/processing/input/code/prep.py"]}, "RoleArn": "arn:aws:iam::111122223333:role/SageMakerRole", "ProcessingInputs": [{"InputName": "input", "AppManaged": false, "S3Input": {"S3Uri": {source}, "LocalPath": "/opt/ml/processing/input", "S3DataType": "S3Prefix", "S3InputMode": "File", "S3DataDistributionType": "FullyReplicated", "S3CompressionType": "None"}}, {"InputName": "code", "AppManaged": false, "S3Input": {"S3Uri": "s3://sluice-bench/code/prep.py", "LocalPath": "/opt/ml/processing/input/code", "S3DataType": "S3Prefix", "S3InputMode": "File", "S3DataDistributionType": "FullyReplicated", "S3CompressionType": "None"}}], "ProcessingOutputConfig": {"Outputs": [{"OutputName": "out", "AppManaged": false, "S3Output": {"S3Uri": "s3://sluice-bench/p#/out", "LocalPath": "/opt/ml/processing/out", "S3UploadMode": "EndOfJob"}}]}}}
                """;
}
