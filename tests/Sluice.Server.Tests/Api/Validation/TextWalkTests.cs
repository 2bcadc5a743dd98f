using System.Text;
using System.Text.Json;
using Sluice.Server.Api.Validation;

namespace Sluice.Server.Tests.Api.Validation;

/// <summary>Strings that are not Unicode text, found anywhere in a body and named by their Coral path.</summary>
public sealed class TextWalkTests
{
    [Theory]
    [InlineData("\"plain\"")]
    [InlineData("\"\"")]
    [InlineData("\"\\ud83d\\ude00 pair\"")]
    [InlineData("\"\\uD83D\\uDE00\"")]
    [InlineData("\"\\\\ud800 is an escaped backslash, then text\"")]
    [InlineData("\"\\n\\t\\\"\\/\\u0041\\u00e9\"")]
    [InlineData("\"raw é and 😀\"")]
    public void IsText_WellFormedStrings_IsTrue(string token) =>
        TextWalk.IsText(Encoding.UTF8.GetBytes(token)).ShouldBeTrue();

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"a\\ud83d\"")]
    [InlineData("\"\\ud83dx\"")]
    [InlineData("\"\\ud83d\\n\"")]
    [InlineData("\"\\ud83d\\ud83d\"")]
    [InlineData("\"\\ude00\\ud83d\"")]
    [InlineData("\"\\\\\\ud800\"")]
    public void IsText_LoneSurrogateEscapes_IsFalse(string token) =>
        TextWalk.IsText(Encoding.UTF8.GetBytes(token)).ShouldBeFalse();

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xC0, 0x80 })] // overlong
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // past U+10FFFF
    [InlineData(new byte[] { 0xE2, 0x82 })] // cut short
    public void IsText_BytesThatAreNotUtf8_IsFalse(byte[] bytes) =>
        TextWalk.IsText([(byte)'"', .. bytes, (byte)'"']).ShouldBeFalse();

    [Fact]
    public void Run_ModeledMembers_NamesThemAsTheValidatorDoes()
    {
        var body = """
            {"PipelineName":"p","ClientRequestToken":"\ud800",
             "PipelineParameters":[{"Name":"a","Value":"ok"},{"Name":"b","Value":"\udfff"}],
             "SelectiveExecutionConfig":{"SelectedSteps":[{"StepName":"\ud801"}]}}
            """;

        var violations = Walk("SageMaker.StartPipelineExecution", body);

        violations.ShouldBe([
            "Value at 'clientRequestToken' failed to satisfy constraint: " + TextWalk.Constraint,
            "Value at 'pipelineParameters.2.member.value' failed to satisfy constraint: " + TextWalk.Constraint,
            "Value at 'selectiveExecutionConfig.selectedSteps.1.member.stepName' failed to satisfy constraint: " + TextWalk.Constraint,
        ]);
    }

    [Fact]
    public void Run_MapKeysAndValues_NamesTheEntry()
    {
        var body = """{"ModelPackageArn":"a","CustomerMetadataProperties":{"k":"\ud800","\udc00":"v"}}""";

        var violations = Walk("SageMaker.UpdateModelPackage", body);

        violations.ShouldBe([
            "Value at 'customerMetadataProperties.k.member' failed to satisfy constraint: " + TextWalk.Constraint,
            "Value at 'customerMetadataProperties.\\udc00' failed to satisfy constraint: " + TextWalk.Constraint,
        ]);
    }

    [Fact]
    public void Run_UnmodeledMembersAndWrongTypes_AreWalkedWithTheirNamesAsSent()
    {
        var body = """{"Extra":{"Deep":["\ud800"]},"PipelineName":["\udc00"]}""";

        var violations = Walk("SageMaker.DescribePipeline", body);

        violations.ShouldBe([
            "Value at 'Extra.Deep.1.member' failed to satisfy constraint: " + TextWalk.Constraint,
            "Value at 'pipelineName.1.member' failed to satisfy constraint: " + TextWalk.Constraint,
        ]);
    }

    [Fact]
    public void Run_WellFormedBody_FindsNothing() =>
        Walk("SageMaker.CreatePipeline", Support.Requests.CreatePipeline(("PipelineDescription", "caf\u00e9 \ud83d\ude00"))).ShouldBeEmpty();

    [Fact]
    public void Validate_NotTextAndOtherViolations_ReportsOnlyTheText()
    {
        var error = Support.Requests.Fails("SageMaker.ListPipelines", """{"MaxResults":500,"PipelineNamePrefix":"\ud800"}""");

        error.Code.ShouldBe("ValidationException");
        error.Message.ShouldBe("1 validation error detected: Value at 'pipelineNamePrefix' failed to satisfy constraint: " + TextWalk.Constraint);
    }

    private static IReadOnlyList<string> Walk(string target, string body)
    {
        using var document = JsonDocument.Parse(body);
        return TextWalk.Run(RequestValidator.Shapes.InputOf(target), document.RootElement);
    }
}
