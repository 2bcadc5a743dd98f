using Sluice.Config.Factories;
using Sluice.Config.Reading;
using Sluice.Config.Tests.Support;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Tests.Factories;

public sealed class StepFactoryRegistryTests
{
    private const string Slack = """
        step_name: Tell
        step_factory_class: slack_message
        channel: ml-team
        text: "trained ${parameters.Depth} deep"
        """;

    [Fact]
    public void CreateDefault_Names_AreTheBuiltInFactories()
    {
        StepFactoryRegistry.CreateDefault().Names.ShouldBe(
        [
            "CallbackStepFactory", "ConditionStepFactory", "FailStepFactory", "FrameworkProcessingStepFactory", "LambdaStepFactory", "ModelStepFactory",
            "ProcessingStepFactory", "RegisterModelStepFactory", "TrainingStepFactory", "TransformStepFactory", "TuningStepFactory",
        ]);
    }

    [Fact]
    public void Build_FactoryRegisteredFromCode_BuildsItsStepFromItsOwnModel()
    {
        var factories = StepFactoryRegistry.CreateDefault().Register<SlackMessageStepFactory>();

        var built = Configs.BuildWith(factories, ("tell.yaml", Slack));

        Configs.Step(built, "Tell").ShouldBeJson(
            "{`Name`:`Tell`,`Type`:`Lambda`,`Arguments`:{`channel`:`#ml-team`,`text`:{`Std:Join`:{`On`:``,`Values`:[`trained `,{`Get`:`Parameters.Depth`},` deep`]}}}," +
            "`FunctionArn`:`arn:aws:lambda:us-east-1:111122223333:function:slack`,`OutputParameters`:[]}");
    }

    [Fact]
    public void Build_FactoryRegisteredUnderAName_IsFoundByThatName()
    {
        var factories = StepFactoryRegistry.CreateDefault().Register("team/slack", () => new SlackMessageStepFactory());

        var built = Configs.BuildWith(factories, ("tell.yaml", Slack.Replace("slack_message", "team/slack", StringComparison.Ordinal)));

        Configs.TopLevelNames(built).ShouldBe(["Tell"]);
    }

    [Fact]
    public void Build_CustomFactoryRejectsItsConfig_NamesFileLineAndKey()
    {
        var factories = StepFactoryRegistry.CreateDefault().Register<SlackMessageStepFactory>();

        var error = Should.Throw<PipelineConfigException>(() => Configs.BuildWith(factories, ("tell.yaml", Slack.Replace("ml-team", "ml team", StringComparison.Ordinal))));

        error.Message.ShouldBe("dev/tell.yaml:3: channel: 'ml team' is not a channel name (no spaces)");
    }

    [Fact]
    public void Build_CustomFactoryWithAnUnknownKey_IsToldTheKey()
    {
        var factories = StepFactoryRegistry.CreateDefault().Register<SlackMessageStepFactory>();

        var error = Should.Throw<PipelineConfigException>(() => Configs.BuildWith(factories, ("tell.yaml", Slack + "\nemoji: tada\n")));

        error.Message.ShouldBe("dev/tell.yaml:5: emoji: unknown key; known keys here: step_name, step_factory_class, channel, text, display_name, description, depends_on, cache, retry");
    }

    [Fact]
    public void Build_FactoryThatNamesTheStepOtherwise_Fails()
    {
        var factories = StepFactoryRegistry.CreateDefault().Register("renamer", () => new Renamer());

        var error = Should.Throw<PipelineConfigException>(() => Configs.BuildWith(factories, ("r.yaml", "step_name: Mine\nstep_factory_class: renamer\n")));

        error.Message.ShouldBe("dev/r.yaml:2: step_factory_class: step factory 'renamer' named the step 'Other'; it must name it 'Mine'");
    }

    [Fact]
    public void Build_ReplacedBuiltInFactory_IsTheOneUsed()
    {
        var factories = StepFactoryRegistry.CreateDefault();
        factories.Remove("FailStepFactory").ShouldBeTrue();
        factories.Register("FailStepFactory", () => new SlackMessageStepFactory());

        var built = Configs.BuildWith(factories, ("tell.yaml", Slack.Replace("slack_message", "FailStepFactory", StringComparison.Ordinal)));

        Configs.Step(built, "Tell")["Type"]!.GetValue<string>().ShouldBe("Lambda");
    }

    [Fact]
    public void Register_TakenName_Throws()
    {
        var factories = StepFactoryRegistry.CreateDefault();

        Should.Throw<ArgumentException>(() => factories.Register<Conditions.FailStepFactoryAlias>()).Message.ShouldStartWith("a step factory is already registered as 'FailStepFactory'");
    }

    [Fact]
    public void Register_TypeThatIsNotAFactory_Throws()
    {
        Should.Throw<ArgumentException>(() => new StepFactoryRegistry().Register(typeof(string))).Message.ShouldStartWith("'System.String' is not a step factory");
    }

    [Fact]
    public void Copy_Registrations_DoNotReachTheOriginal()
    {
        var original = new StepFactoryRegistry().Register<SlackMessageStepFactory>();

        var copy = original.Copy().Register("more", () => new Renamer());

        (original.Contains("more"), copy.Contains("more"), copy.Contains("slack_message")).ShouldBe((false, true, true));
    }

    /// <summary>The config model of <see cref="SlackMessageStepFactory"/>.</summary>
    public sealed record SlackMessage(string Channel, Sdk.Expressions.PipelineValue Text);

    /// <summary>A team's own step type, with its own model and its own checks.</summary>
    [StepFactory("slack_message")]
    public sealed class SlackMessageStepFactory : StepFactory<SlackMessage>
    {
        public override SlackMessage ReadConfig(StepConfig config)
        {
            var channel = config.Section.Text("channel");
            return channel.Contains(' ', StringComparison.Ordinal)
                ? throw config.Section.Error("channel", $"'{channel}' is not a channel name (no spaces)")
                : new SlackMessage(channel, config.Section.Value("text", ValueKind.String));
        }

        public override Step CreateStep(SlackMessage model, StepConfig config) =>
            new LambdaStep(config.Name, "arn:aws:lambda:us-east-1:111122223333:function:slack") { Inputs = { ["channel"] = "#" + model.Channel, ["text"] = model.Text } };
    }

    private sealed class Renamer : IStepFactory
    {
        public Step CreateStep(StepConfig config) => new FailStep("Other");
    }
}
