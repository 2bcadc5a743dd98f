using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Conditions;

public sealed class ConditionStepFactoryTests
{
    private const string Stop = """
        step_name: Stop
        step_factory_class: FailStepFactory
        error_message: too low
        """;

    private const string Go = """
        step_name: Go
        step_factory_class: FailStepFactory
        error_message: fine
        """;

    [Fact]
    public void CreateStep_EveryConditionType_WritesTheConditions()
    {
        var built = Configs.Build(("check.yaml", """
            step_name: Check
            step_factory_class: ConditionStepFactory
            conditions:
              - {type: Equals, left: "${parameters.Flag}", right: true}
              - {type: GreaterThan, left: "${parameters.Depth}", right: 2}
              - {type: GreaterThanOrEqualTo, left: "${parameters.Threshold}", right: 0.5}
              - {type: LessThan, left: 1, right: "${parameters.Depth}"}
              - {type: LessThanOrEqualTo, left: "${parameters.Depth}", right: 10}
              - {type: In, value: "${parameters.InputData}", values: [s3://a, "s3://b"]}
              - type: Not
                condition: {type: Equals, left: "${execution.PipelineName}", right: "x"}
              - type: Or
                conditions:
                  - {type: Equals, left: 1, right: 1}
                  - {type: Equals, left: "1", right: 1}
            if_steps: Go
            else_steps: [Stop]
            """), ("go.yaml", Go), ("stop.yaml", Stop));

        Configs.Step(built, "Check")["Arguments"]!["Conditions"].ShouldBeJson(
            "[{`Type`:`Equals`,`LeftValue`:{`Get`:`Parameters.Flag`},`RightValue`:true}," +
            "{`Type`:`GreaterThan`,`LeftValue`:{`Get`:`Parameters.Depth`},`RightValue`:2}," +
            "{`Type`:`GreaterThanOrEqualTo`,`LeftValue`:{`Get`:`Parameters.Threshold`},`RightValue`:0.5}," +
            "{`Type`:`LessThan`,`LeftValue`:1,`RightValue`:{`Get`:`Parameters.Depth`}}," +
            "{`Type`:`LessThanOrEqualTo`,`LeftValue`:{`Get`:`Parameters.Depth`},`RightValue`:10}," +
            "{`Type`:`In`,`QueryValue`:{`Get`:`Parameters.InputData`},`Values`:[`s3://a`,`s3://b`]}," +
            "{`Type`:`Not`,`Condition`:{`Type`:`Equals`,`LeftValue`:{`Get`:`Execution.PipelineName`},`RightValue`:`x`}}," +
            "{`Type`:`Or`,`Conditions`:[{`Type`:`Equals`,`LeftValue`:1,`RightValue`:1},{`Type`:`Equals`,`LeftValue`:`1`,`RightValue`:1}]}]");
    }

    [Fact]
    public void CreateStep_Branches_HoldTheirStepsWhichAreNotAtTheTopLevel()
    {
        var built = Configs.Build(("check.yaml", """
            step_name: Check
            step_factory_class: ConditionStepFactory
            conditions: [{type: GreaterThan, left: "${parameters.Depth}", right: 2}]
            if_steps: [Go]
            else_steps: [Stop]
            """), ("go.yaml", Go), ("stop.yaml", Stop));

        Configs.TopLevelNames(built).ShouldBe(["Check"]);
        Configs.Step(built, "Check")["Arguments"]!["IfSteps"]![0]!["Name"]!.GetValue<string>().ShouldBe("Go");
        Configs.Step(built, "Check")["Arguments"]!["ElseSteps"]![0]!["Name"]!.GetValue<string>().ShouldBe("Stop");
    }

    [Fact]
    public void ReadConfig_StepInBothBranches_FailsAtElseSteps()
    {
        var error = Configs.Fails(("check.yaml", """
            step_name: Check
            step_factory_class: ConditionStepFactory
            conditions: [{type: Equals, left: 1, right: 1}]
            if_steps: [Stop]
            else_steps: [Stop]
            """), ("stop.yaml", Stop));

        error.Message.ShouldBe("dev/check.yaml:5: else_steps: step 'Stop' is named twice in the branches");
    }

    [Fact]
    public void Build_StepInTheBranchesOfTwoConditions_FailsAtTheSecond()
    {
        var error = Configs.Fails(
            ("a_check.yaml", """
                step_name: First
                step_factory_class: ConditionStepFactory
                conditions: [{type: Equals, left: 1, right: 1}]
                if_steps: [Stop]
                """),
            ("b_check.yaml", """
                step_name: Second
                step_factory_class: ConditionStepFactory
                conditions: [{type: Equals, left: 1, right: 2}]
                else_steps: [Stop]
                """),
            ("stop.yaml", Stop));

        error.Message.ShouldBe("dev/b_check.yaml:4: else_steps: step 'Stop' is already in a branch of Condition step 'First'; a step is in one branch only");
    }

    [Fact]
    public void ReadConfig_UnknownConditionType_FailsWithTheTypes()
    {
        var error = Configs.Fails(("check.yaml", """
            step_name: Check
            step_factory_class: ConditionStepFactory
            conditions: [{type: LessThanOrEqual, left: 1, right: 1}]
            """));

        error.Message.ShouldStartWith("dev/check.yaml:3: conditions[0].type: unknown condition type 'LessThanOrEqual' (did you mean 'LessThanOrEqualTo'?); types: Equals,");
    }
}
