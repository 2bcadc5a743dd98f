using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Remote;
using Sluice.Sdk.Steps;
using WireOutput = Sluice.Client.SageMaker.OutputParameter;

namespace Sluice.Sdk.Tests.Support;

/// <summary>Pipelines that need no processes, for the remote client's tests against <c>sluice serve</c>.</summary>
internal static class RemotePipelines
{
    public const string Role = "arn:aws:iam::111122223333:role/SageMakerRole";

    public const string QueueUrl = "https://sqs.us-east-1.amazonaws.com/111122223333/approvals";

    /// <summary>
    /// Check: Value ≤ Limit, else TooHigh fails with "value V is above L". Parameters: Value (Integer, 3), Limit
    /// (Float, 10.0), Strict (Boolean, false), Mode (String, "fast", one of fast/slow).
    /// </summary>
    public static Pipeline Gate(string name = "gate")
    {
        var value = new ParameterInteger("Value", 3);
        var limit = new ParameterFloat("Limit", 10.0);
        return new Pipeline(name)
        {
            Parameters = { value, limit, new ParameterBoolean("Strict", false), new ParameterString("Mode", "fast", ["fast", "slow"]) },
            Steps =
            {
                new ConditionStep("Check")
                {
                    Conditions = { value <= limit },
                    ElseSteps = { new FailStep("TooHigh", new Join(" ", "value", value, "is above", limit)) },
                },
            },
        };
    }

    /// <summary>Approve (a Callback step with output "score") then Check: score ≥ 5.</summary>
    public static Pipeline Approval(string name = "approval")
    {
        var approve = new CallbackStep("Approve", QueueUrl) { Outputs = { new Sluice.Sdk.Steps.OutputParameter("score", OutputParameterType.Integer) } };
        return new Pipeline(name)
        {
            Steps =
            {
                approve,
                new ConditionStep("Check") { Conditions = { approve.Properties.OutputParameters["score"] >= 5 } },
            },
        };
    }

    /// <summary>Waits until the execution's Callback step has published its token.</summary>
    public static async Task<string> CallbackTokenAsync(PipelineExecution execution)
    {
        for (var i = 0; i < 1000; i++)
        {
            var steps = await execution.ListStepsAsync(TestContext.Current.CancellationToken);
            if (steps.FirstOrDefault(s => s.StepName == "Approve")?.Metadata?.Callback?.CallbackToken is { } token)
            {
                return token;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the Callback step published no token");
    }

    /// <summary>Answers a Callback token with a score.</summary>
    public static Task SucceedAsync(SageMakerClient client, string token, int score) =>
        client.SendPipelineExecutionStepSuccessAsync(
            new SendPipelineExecutionStepSuccessRequest { CallbackToken = token, OutputParameters = [new WireOutput("score", score.ToString(System.Globalization.CultureInfo.InvariantCulture))] },
            TestContext.Current.CancellationToken);
}
