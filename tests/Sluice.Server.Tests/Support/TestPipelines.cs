using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Steps;

namespace Sluice.Server.Tests.Support;

/// <summary>Pipelines that need no processes: a Callback the test answers, then a Condition that may Fail.</summary>
internal static class TestPipelines
{
    public const string Role = "arn:aws:iam::111122223333:role/SageMakerRole";

    /// <summary>Approve (Callback, output "score") then Check: score ≥ Threshold, else TooLow fails with "score too low".</summary>
    public const string CallbackThenCondition = """
        {"Version": "2020-12-01", "Metadata": {},
         "Parameters": [{"Name": "Threshold", "Type": "Integer", "DefaultValue": 5}],
         "PipelineExperimentConfig": null,
         "Steps": [
          {"Name": "Approve", "Type": "Callback", "Arguments": {"threshold": {"Get": "Parameters.Threshold"}},
           "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/approvals",
           "OutputParameters": [{"OutputName": "score", "OutputType": "Integer"}]},
          {"Name": "Check", "Type": "Condition", "Arguments": {
           "Conditions": [{"Type": "GreaterThanOrEqualTo", "LeftValue": {"Get": "Steps.Approve.OutputParameters['score']"},
                           "RightValue": {"Get": "Parameters.Threshold"}}],
           "IfSteps": [], "ElseSteps": [{"Name": "TooLow", "Type": "Fail", "Arguments": {"ErrorMessage": "score too low"}}]}}]}
        """;

    /// <summary>One Condition step: finishes at once.</summary>
    public const string Instant = """
        {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": null,
         "Steps": [{"Name": "Check", "Type": "Condition", "Arguments": {
           "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}]}
        """;

    public static Task<CreatePipelineResponse> CreateAsync(SageMakerClient client, string name, string definition) =>
        client.CreatePipelineAsync(new CreatePipelineRequest { PipelineName = name, PipelineDefinition = definition, RoleArn = Role }, TestContext.Current.CancellationToken);

    /// <summary>Waits until the Callback step has published its token (another than <paramref name="except"/>, after a retry).</summary>
    public static async Task<string> CallbackTokenAsync(SageMakerClient client, string executionArn, string? except = null)
    {
        for (var i = 0; i < 500; i++)
        {
            var steps = await client.ListPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest { PipelineExecutionArn = executionArn }, TestContext.Current.CancellationToken);
            if (steps.PipelineExecutionSteps?.FirstOrDefault(s => s.StepName == "Approve")?.Metadata?.Callback?.CallbackToken is { } token && token != except)
            {
                return token;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the Callback step published no token");
    }

    /// <summary>Waits for an execution to end, with the client's own polling.</summary>
    public static Task<DescribePipelineExecutionResponse> WaitAsync(SageMakerClient client, string executionArn) =>
        client.WaitForPipelineExecutionAsync(executionArn, TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
}
