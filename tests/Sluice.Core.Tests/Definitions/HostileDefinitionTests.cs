using System.Text;
using Sluice.Core.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests;

/// <summary>Definitions written to break the reader: each must give diagnostics, never an exception.</summary>
public sealed class HostileDefinitionTests
{
    [Fact]
    public void Validate_LoneSurrogateInParameterName_ReportsItWithPathAndPositionAndGoesOn()
    {
        var text = Base().Replace("\"Name\":\"InputData\"", "\"Name\":\"In\\ud800put\"", StringComparison.Ordinal);

        var result = DefinitionValidator.Validate(text);

        var unicode = result.Errors.Single(d => d.Code == DiagnosticCodes.InvalidUnicode);
        unicode.Path.ShouldBe("Parameters[0].Name");
        unicode.OwnerPath.ShouldBe("Parameters[0]");
        unicode.Message.ShouldContain("a lone surrogate escape \\uD800");
        unicode.Position.ShouldNotBeNull().Column.ShouldBeGreaterThan(1);
        result.Definition.ShouldNotBeNull();
        result.Errors.ShouldContain(d => d.Code == DiagnosticCodes.ParameterName); // reading went on
    }

    [Fact]
    public void Validate_LoneSurrogateInStepNameAndMemberName_ReportsBoth()
    {
        var text = Base()
            .Replace("\"Name\":\"Prep\"", "\"Name\":\"\\udc00Prep\"", StringComparison.Ordinal)
            .Replace("\"RoleArn\"", "\"Role\\ud83dArn\"", StringComparison.Ordinal);

        var result = DefinitionValidator.Validate(text);

        var paths = result.Errors.Where(d => d.Code == DiagnosticCodes.InvalidUnicode).Select(d => d.Path).ToList();
        paths.ShouldContain("Steps[0].Name");
        paths.ShouldContain("Steps[0].Arguments['Role\uFFFDArn']");
        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Validate_ValidSurrogatePair_IsAccepted()
    {
        var text = Base().Replace("\"fast\",\"slow\"", "\"fast\",\"slow\",\"\\ud83d\\ude00\"", StringComparison.Ordinal);

        DefinitionValidator.Validate(text).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_LoneSurrogateCharacterInDotnetString_IsReportedLikeAnEscape()
    {
        var text = Base().Replace("s3://bucket/train", "s3://bucket/\ud800train", StringComparison.Ordinal);

        var unicode = DefinitionValidator.Validate(text).Errors.Single(d => d.Code == DiagnosticCodes.InvalidUnicode);

        unicode.Path.ShouldBe("Steps[0].Arguments.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri");
        unicode.Message.ShouldContain("a lone surrogate U+D800");
    }

    [Fact]
    public void Validate_BytesThatAreNotUtf8InAString_ReportsThemWithTheirPosition()
    {
        var bytes = Encoding.UTF8.GetBytes(Base().Replace("s3://bucket/models", "s3://bucket/\u00ffmodels", StringComparison.Ordinal)).ToList();
        var at = IndexOf(bytes, Encoding.UTF8.GetBytes("\u00ff"));
        bytes.RemoveAt(at + 1);
        bytes[at] = 0xFF;

        var result = DefinitionValidator.Validate(bytes.ToArray());

        var unicode = result.Errors.Single(d => d.Code == DiagnosticCodes.InvalidUnicode);
        unicode.Path.ShouldBe("Steps[1].Arguments.OutputDataConfig.S3OutputPath");
        unicode.Message.ShouldContain("bytes that are not UTF-8 (0xFF)");
    }

    [Theory]
    [InlineData("", "the definition is empty")]
    [InlineData("   \n", "the definition is empty")]
    [InlineData("\0", "not valid JSON")]
    [InlineData("{\"Version\":\"2020-12-01\", \"Steps\": [\0]}", "not valid JSON")]
    [InlineData("{\"Version\":\"a\0b\"}", "not valid JSON")]
    [InlineData("{\"Steps\": [", "the JSON ends early")]
    [InlineData("{\"a\\ud800\": 1, \"a\\udbff\": 2}", "appears twice")]
    public void Validate_TextThatIsNotAUsableDocument_ReportsNotJson(string text, string message)
    {
        var result = DefinitionValidator.Validate(text);

        result.Definition.ShouldBeNull();
        result.Errors.ShouldContain(d => d.Code == DiagnosticCodes.NotJson && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ByteOrderMark_IsSkipped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Base())];

        DefinitionValidator.Validate(bytes).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_JoinNestedTenThousandDeep_ReportsTheDepthInsteadOfOverflowingTheStack()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            deep.Append("{\"Std:Join\": {\"On\":\"/\", \"Values\": [");
        }

        deep.Append("\"x\"");
        for (var i = 0; i < 10_000; i++)
        {
            deep.Append("]}}");
        }

        var text = Base().Replace("\"s3://bucket/train\"", deep.ToString(), StringComparison.Ordinal);

        var result = DefinitionValidator.Validate(text);

        result.Errors.ShouldContain(d => d.Code == DiagnosticCodes.NotJson && d.Message.Contains("depth", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_JoinNestedToTheDepthLimit_IsRead()
    {
        var text = Base().Replace("\"s3://bucket/train\"", Nest(120), StringComparison.Ordinal);

        DefinitionValidator.Validate(text).Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\"Name\":\"Prep\"", "\"Name\":1e999")]
    [InlineData("\"Type\":\"Processing\"", "\"Type\":123456789012345678901234567890")]
    [InlineData("\"DefaultValue\":6.0", "\"DefaultValue\":1e999")]
    [InlineData("\"Version\":\"2020-12-01\"", "\"Version\":-0")]
    [InlineData("\"LocalPath\":\"/opt/ml/processing/input\"", "\"LocalPath\":1e999")]
    [InlineData("\"ExpireAfter\":\"PT1H\"", "\"ExpireAfter\":1e308")]
    [InlineData("\"MaxAttempts\":2", "\"MaxAttempts\":1e999")]
    [InlineData("\"IntervalSeconds\":1", "\"IntervalSeconds\":1e999")]
    public void Validate_HugeNumbersAndNumbersForStrings_AreErrorsNotExceptions(string member, string replacement)
    {
        var text = Base().Replace(member, replacement, StringComparison.Ordinal);
        text.ShouldNotBe(Base());

        var result = DefinitionValidator.Validate(text);

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldAllBe(d => d.Code.StartsWith("SLU", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_VeryLongStepName_IsAnErrorWithAShortPath()
    {
        var name = new string('a', 1_000_000);
        var text = Base().Replace("\"Name\":\"Prep\"", $"\"Name\":\"{name}\"", StringComparison.Ordinal);

        var result = DefinitionValidator.Validate(text);

        result.Errors.ShouldContain(d => d.Code == DiagnosticCodes.StepName && d.Path == "Steps[0].Name");
    }

    private static string Nest(int depth) =>
        string.Concat(Enumerable.Repeat("{\"Std:Join\": {\"On\":\"/\", \"Values\": [", depth)) + "\"s3://bucket/train\"" + string.Concat(Enumerable.Repeat("]}}", depth));

    private static int IndexOf(List<byte> bytes, byte[] part)
    {
        for (var i = 0; i + part.Length <= bytes.Count; i++)
        {
            if (bytes.Skip(i).Take(part.Length).SequenceEqual(part))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The shared test pipeline with a retry policy on its first step, as compact JSON.</summary>
    private static string Base()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(0)["RetryPolicies"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"ExceptionType": ["Step.THROTTLING"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 2}]""");
        return definition.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
