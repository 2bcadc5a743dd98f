using Sluice.Config.Factories;
using Sluice.Config.Reading;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Tests.Factories;

/// <summary>The config model of <see cref="NotificationStepFactory"/>: who to tell what.</summary>
public sealed record NotificationConfig(string Channel, PipelineValue Message, string FunctionArn);

/// <summary>
/// A team's own step type: a notification sent by the team's Lambda function, whose ARN the shared configuration
/// gives under values.notify_function. Loaded from this assembly by name.
/// </summary>
[StepFactory("NotificationStepFactory")]
public sealed class NotificationStepFactory : StepFactory<NotificationConfig>
{
    public override NotificationConfig ReadConfig(StepConfig config)
    {
        var section = config.Section;
        var channel = section.Text("channel");
        if (!channel.StartsWith('#'))
        {
            throw section.Error("channel", $"'{channel}' is not a channel; channels start with '#'");
        }

        return new NotificationConfig(channel, section.Value("message"), section.OptionalText("function_arn") ?? "arn:aws:lambda:us-east-1:111122223333:function:notify");
    }

    public override Step CreateStep(NotificationConfig model, StepConfig config) => new LambdaStep(config.Name, model.FunctionArn)
    {
        Inputs = { ["channel"] = model.Channel, ["message"] = model.Message },
        Outputs = { new OutputParameter("delivered", OutputParameterType.Boolean) },
    };
}
