using Sluice.Sdk.Parameters;

namespace Sluice.Sdk.Tests.Parameters;

public sealed class ParameterTests
{
    [Fact]
    public void ToDeclaration_EachType_IsWrittenAsThePythonSdk()
    {
        Text(new ParameterString("S", "x", ["x", "y"])).ShouldBe("""{"Name": "S", "Type": "String", "DefaultValue": "x", "EnumValues": ["x", "y"]}""");
        Text(new ParameterInteger("I", 4)).ShouldBe("""{"Name": "I", "Type": "Integer", "DefaultValue": 4}""");
        Text(new ParameterFloat("F", 0.2)).ShouldBe("""{"Name": "F", "Type": "Float", "DefaultValue": 0.2}""");
        Text(new ParameterBoolean("B", false)).ShouldBe("""{"Name": "B", "Type": "Boolean", "DefaultValue": false}""");
        Text(new ParameterString("NoDefault")).ShouldBe("""{"Name": "NoDefault", "Type": "String"}""");
    }

    [Fact]
    public void ToExpression_Parameter_IsAGetOfParameters()
    {
        new ParameterFloat("MseThreshold").ToExpression()["Get"]!.GetValue<string>().ShouldBe("Parameters.MseThreshold");
    }

    [Fact]
    public void Constructor_EmptyName_Throws()
    {
        Should.Throw<ArgumentException>(() => new ParameterString(string.Empty));
    }

    private static string Text(Parameter parameter) => Sluice.Sdk.Serialization.Json.Compact(parameter.ToDeclaration());
}
