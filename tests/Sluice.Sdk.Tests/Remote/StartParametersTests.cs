using System.Numerics;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Remote;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Remote;

public sealed class StartParametersTests
{
    public static TheoryData<string, object, string> Values => new()
    {
        { "Strict", true, "True" },
        { "Strict", false, "False" },
        { "Strict", "true", "true" },
        { "Value", 1000, "1000" },
        { "Value", -7L, "-7" },
        { "Value", new BigInteger(12345678901234567), "12345678901234567" },
        { "Limit", 3500.0, "3500.0" },
        { "Limit", 0.1f, "0.1" },
        { "Limit", 1e-5, "1e-05" },
        { "Limit", 2.50m, "2.50" },
        { "Limit", 12, "12" },
        { "Mode", "slow", "slow" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Format_Value_IsTheTextThePythonSdkSends(string name, object value, string expected)
    {
        var formatted = StartParameters.Format(RemotePipelines.Gate(), new Dictionary<string, object> { [name] = value });

        formatted.ShouldHaveSingleItem().ShouldBe(new Client.SageMaker.Parameter(name, expected));
    }

    [Fact]
    public void Format_UnknownName_NamesItAndTheDeclaredParameters()
    {
        var error = Should.Throw<ArgumentException>(() => StartParameters.Format(RemotePipelines.Gate(), new Dictionary<string, object> { ["Treshold"] = 5 }));

        error.Message.ShouldContain("'Treshold' is not a parameter of pipeline 'gate'; its parameters are Value, Limit, Strict, Mode");
    }

    [Fact]
    public void Format_PipelineWithoutParameters_SaysSo()
    {
        var error = Should.Throw<ArgumentException>(() => StartParameters.Format(RemotePipelines.Approval(), new Dictionary<string, object> { ["Score"] = 5 }));

        error.Message.ShouldContain("it declares no parameters");
    }

    [Theory]
    [InlineData("Value", true, "parameter 'Value' is an Integer; True (Boolean) is not")]
    [InlineData("Value", 2.5, "parameter 'Value' is an Integer; 2.5 (Double) is not")]
    [InlineData("Strict", 1, "parameter 'Strict' is a Boolean; 1 (Int32) is not")]
    [InlineData("Mode", "medium", "parameter 'Mode' must be one of 'fast', 'slow'; 'medium' is not")]
    [InlineData("Limit", double.NaN, "parameter 'Limit' takes a string, a Boolean or a number; NaN (not finite) is not one")]
    public void Format_ValueThatDoesNotFit_IsRefused(string name, object value, string message)
    {
        var error = Should.Throw<ArgumentException>(() => StartParameters.Format(RemotePipelines.Gate(), new Dictionary<string, object> { [name] = value }));

        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Format_RequiredParameterLeftOut_IsRefused()
    {
        var pipeline = RemotePipelines.Gate();
        pipeline.Parameters.Add(new ParameterString("InputUri"));

        var error = Should.Throw<ArgumentException>(() => StartParameters.Format(pipeline, new Dictionary<string, object>()));

        error.Message.ShouldContain("parameter 'InputUri' has no default; give it a value");
    }

    [Fact]
    public void Format_SeveralProblems_ListsEach()
    {
        var error = Should.Throw<ArgumentException>(() => StartParameters.Format(
            RemotePipelines.Gate(), new Dictionary<string, object> { ["Nope"] = 1, ["Strict"] = "x", ["Mode"] = new object() }));

        error.Message.ShouldContain("'Nope' is not a parameter");
        error.Message.ShouldContain("parameter 'Mode' takes a string, a Boolean or a number; a Object is not one");
        error.Message.ShouldNotContain("'Strict'");
    }
}
