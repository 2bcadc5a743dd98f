using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Steps;

public sealed class FailStepTests
{
    [Fact]
    public void ToDefinitionJson_FailSteps_MatchesThePythonSdk()
    {
        var myInt = new ParameterInteger("MyInt", 2);
        var threshold = new ParameterFloat("MseThreshold", 6.0);
        var condition = new ConditionStep("CondStep") { Conditions = { myInt.EqualTo(1) } };
        var check = new ConditionStep("CheckMseThreshold")
        {
            Conditions = { threshold > 10.0 },
            IfSteps = { new FailStep("ThresholdTooLoose", new Join(" ", "Execution failed due to MSE >", threshold)) },
            ElseSteps = { new FailStep("NoMessageFail") },
        };
        var pipeline = new Pipeline("FailDemo")
        {
            Parameters = { myInt, threshold },
            Steps =
            {
                condition,
                new FailStep("FailStep", new Join(": ", "Failed due to xxx == yyy returns", condition.Properties.Outcome)),
                check,
                new FailStep("StaticFail", "Test error message")
                {
                    DependsOn = { "CheckMseThreshold" },
                    DisplayName = "Static failure",
                    Description = "A Fail step with a literal message",
                },
            },
        };

        Golden.ShouldMatch(pipeline, "sdk/fail.json");
    }
}
