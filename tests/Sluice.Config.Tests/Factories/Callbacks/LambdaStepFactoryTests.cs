using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Callbacks;

public sealed class LambdaStepFactoryTests
{
    private const string Lambda = """
        step_name: Score
        step_factory_class: LambdaStepFactory
        function_arn: arn:aws:lambda:us-east-1:111122223333:function:score
        inputs:
          data: ${parameters.InputData}
          limit: 10
          ratio: 0.5
          label: "10"
          options: {verbose: true, tags: [a, b]}
        outputs:
          - {name: score, type: Float}
          - name: verdict
        """;

    [Fact]
    public void CreateStep_InputsAndOutputs_WritesTheLambdaStep()
    {
        var built = Configs.Build(("score.yaml", Lambda));

        Configs.Step(built, "Score").ShouldBeJson(
            "{`Name`:`Score`,`Type`:`Lambda`,`Arguments`:{`data`:{`Get`:`Parameters.InputData`},`limit`:10,`ratio`:0.5,`label`:`10`,`options`:{`verbose`:true,`tags`:[`a`,`b`]}}," +
            "`FunctionArn`:`arn:aws:lambda:us-east-1:111122223333:function:score`,`OutputParameters`:[{`OutputName`:`score`,`OutputType`:`Float`},{`OutputName`:`verdict`,`OutputType`:`String`}]}");
    }

    [Fact]
    public void Reference_Output_ReadsTheOutputParameter()
    {
        var built = Configs.Build(("score.yaml", Lambda), ("check.yaml", """
            step_name: Check
            step_factory_class: ConditionStepFactory
            conditions: [{type: GreaterThan, left: "${steps.Score.outputs.score}", right: 0.9}]
            """));

        Configs.Step(built, "Check")["Arguments"]!["Conditions"]![0]!["LeftValue"].ShouldBeJson("{`Get`:`Steps.Score.OutputParameters['score']`}");
    }

    [Fact]
    public void Reference_UnknownOutput_FailsWithTheOutputs()
    {
        var error = Configs.Fails(("score.yaml", Lambda), ("check.yaml", """
            step_name: Check
            step_factory_class: ConditionStepFactory
            conditions: [{type: GreaterThan, left: "${steps.Score.outputs.scores}", right: 0.9}]
            """));

        error.Message.ShouldBe("dev/check.yaml:3: conditions[0].left: '${steps.Score.outputs.scores}': Lambda step 'Score' has no output 'scores' (did you mean 'score'?); outputs: score, verdict");
    }

    [Fact]
    public void ReadConfig_ReferenceInsideANestedInput_Fails()
    {
        var error = Configs.Fails(("score.yaml", """
            step_name: Score
            step_factory_class: LambdaStepFactory
            function_arn: arn:aws:lambda:us-east-1:111122223333:function:score
            inputs:
              options: {data: "${parameters.InputData}"}
            """));

        error.Message.ShouldBe("dev/score.yaml:5: inputs.options.data: '${parameters.InputData}' is inside a nested mapping or list, which is written as it is; give the value its own key");
    }
}
