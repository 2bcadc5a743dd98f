using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Callbacks;

public sealed class CallbackStepFactoryTests
{
    [Fact]
    public void CreateStep_QueueInputsAndOutputs_WritesTheCallbackStep()
    {
        var built = Configs.Build(("approve.yaml", """
            step_name: Approve
            step_factory_class: CallbackStepFactory
            sqs_queue_url: https://sqs.us-east-1.amazonaws.com/111122223333/approvals
            inputs: {model: "${shared.values.data}/model.tar.gz", run: "${execution.PipelineExecutionId}"}
            outputs: [{name: approved, type: Boolean}]
            cache: {expire_after: PT1H}
            """));

        Configs.Step(built, "Approve").ShouldBeJson(
            "{`Name`:`Approve`,`Type`:`Callback`,`Arguments`:{`model`:`s3://test-bucket/data/model.tar.gz`,`run`:{`Get`:`Execution.PipelineExecutionId`}}," +
            "`CacheConfig`:{`Enabled`:true,`ExpireAfter`:`PT1H`},`SqsQueueUrl`:`https://sqs.us-east-1.amazonaws.com/111122223333/approvals`," +
            "`OutputParameters`:[{`OutputName`:`approved`,`OutputType`:`Boolean`}]}");
    }

    [Fact]
    public void ReadConfig_UnknownOutputType_FailsWithTheTypes()
    {
        var error = Configs.Fails(("approve.yaml", """
            step_name: Approve
            step_factory_class: CallbackStepFactory
            sqs_queue_url: https://sqs.us-east-1.amazonaws.com/111122223333/approvals
            outputs: [{name: approved, type: Bool}]
            """));

        error.Message.ShouldBe("dev/approve.yaml:4: outputs[0].type: unknown output type 'Bool' (did you mean 'Boolean'?); types: String, Integer, Boolean, Float");
    }
}
