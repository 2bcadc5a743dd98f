using Sluice.Sdk.Conditions;
using Sluice.Sdk.Parameters;

namespace Sluice.Sdk.Tests.Conditions;

public sealed class ConditionTests
{
    [Fact]
    public void Operators_BuildTheSameConditionsAsTheNamedClasses()
    {
        var left = new ParameterFloat("A", 1.0);
        var right = new ParameterFloat("B", 2.0);

        (left > right).ToJson().ToJsonString().ShouldBe(new ConditionGreaterThan(left, right).ToJson().ToJsonString());
        (left >= right).ToJson().ToJsonString().ShouldBe(new ConditionGreaterThanOrEqualTo(left, right).ToJson().ToJsonString());
        (left < right).ToJson().ToJsonString().ShouldBe(new ConditionLessThan(left, right).ToJson().ToJsonString());
        (left <= right).ToJson().ToJsonString().ShouldBe(new ConditionLessThanOrEqualTo(left, right).ToJson().ToJsonString());
        Condition.Not(left.EqualTo(right)).ToJson().ToJsonString().ShouldBe((!new ConditionEquals(left, right)).ToJson().ToJsonString());
    }

    [Fact]
    public void Or_NestedDisjunctions_AreFlattened()
    {
        var a = new ParameterInteger("A", 1);

        var or = (a > 1 | a > 2) | a > 3;

        or.ShouldBeOfType<ConditionOr>().Conditions.Count.ShouldBe(3);
        or.ToJson()["Type"]!.GetValue<string>().ShouldBe("Or");
    }

    [Fact]
    public void ToJson_In_WritesQueryValueAndValues()
    {
        var stage = new ParameterString("Stage");

        stage.In("beta", "prod").ToJson().ToJsonString().ShouldBe("""{"Type":"In","QueryValue":{"Get":"Parameters.Stage"},"Values":["beta","prod"]}""");
    }

    [Fact]
    public void ToJson_Not_WrapsTheCondition()
    {
        var flag = new ParameterBoolean("Flag");

        Condition.Not(flag.EqualTo(true)).ToJson().ToJsonString()
            .ShouldBe("""{"Type":"Not","Condition":{"Type":"Equals","LeftValue":{"Get":"Parameters.Flag"},"RightValue":true}}""");
    }
}
