using System.Text.Json.Nodes;

namespace Sluice.Core.Tests.Export.StepFunctions.SideBySide;

/// <summary>
/// The <c>--compute batch</c> machine, started in moto with a case's parameters, ends like <c>sluice run</c> of the same
/// definition and parameters: the same status, the same steps run (so the same steps skipped), the same branch of every
/// Condition step, and the same Fail message.
/// </summary>
public sealed class SideBySideTests(SideBySideFixture fixture) : IClassFixture<SideBySideFixture>
{
    public static TheoryData<string> Cases => [.. SideBySideCases.All.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_SameDefinitionAndParameters_EndsAsSluiceDoes(string id)
    {
        var (sluice, moto, result) = fixture.Results[id];

        moto.ToString().ShouldBe(sluice.ToString(), result.ToJsonString()[..Math.Min(4000, result.ToJsonString().Length)]);
    }

    [Fact]
    public void Run_Cases_TakeBothBranchesEndInEveryStatusAndFailWithMessages()
    {
        var outcomes = fixture.Results.Values.Select(r => r.Sluice).ToList();

        outcomes.Select(o => o.Status).Distinct().Order().ShouldBe(["Failed", "Succeeded"]);
        outcomes.Count(o => o.FailMessage is not null).ShouldBeGreaterThanOrEqualTo(3);
        outcomes.Count(o => o.Status == "Failed" && o.FailMessage is null).ShouldBeGreaterThanOrEqualTo(2, "job and callback failures");
        var branches = outcomes.SelectMany(o => o.Outcomes).ToHashSet();
        // EqualsProperty compares the job's status with "Completed": whenever it runs, it holds.
        foreach (var condition in outcomes.SelectMany(o => o.Outcomes).Select(o => o.Split('=')[0]).Distinct().Where(c => c != "EqualsProperty"))
        {
            branches.ShouldContain(condition + "=True");
            branches.ShouldContain(condition + "=False");
        }

        fixture.Results["diabetes/low-threshold"].Sluice.FailMessage.ShouldNotBeNull().ShouldMatch(@"^Test MSE \d+(\.\d+)? is above the threshold 1000\.0$");
        fixture.Results["conditions/all-false"].Sluice.FailMessage.ShouldBe("gate closed for slow with count 2 and ratio 0.25");
    }

    [Fact]
    public void Cases_Definitions_CoverEveryStepTypeButTuningAndEveryConditionType()
    {
        var types = new HashSet<string>();
        var conditions = new HashSet<string>();
        void Conditions(JsonNode? node)
        {
            foreach (var condition in node as JsonArray ?? [])
            {
                conditions.Add(condition!["Type"]!.GetValue<string>());
                Conditions(condition["Conditions"]);
                if (condition["Condition"] is { } negated)
                {
                    Conditions(new JsonArray(negated.DeepClone()));
                }
            }
        }

        foreach (var definition in SideBySideCases.All.Select(c => c.Definition).Distinct())
        {
            foreach (var step in SluiceSide.AllSteps(JsonNode.Parse(definition)!.AsObject()))
            {
                types.Add(step["Type"]!.GetValue<string>());
                Conditions(step["Arguments"]?["Conditions"]);
            }
        }

        types.Order().ShouldBe(["Callback", "Condition", "Fail", "Lambda", "Model", "Processing", "RegisterModel", "Training", "Transform"]);
        conditions.Order().ShouldBe(["Equals", "GreaterThan", "GreaterThanOrEqualTo", "In", "LessThan", "LessThanOrEqualTo", "Not", "Or"]);
    }
}
