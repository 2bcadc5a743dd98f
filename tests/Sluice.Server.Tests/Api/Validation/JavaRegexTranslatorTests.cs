using Sluice.Definitions.Shapes;
using Sluice.Server.Api.Validation;

namespace Sluice.Server.Tests.Api.Validation;

/// <summary>Java patterns from botocore, matched in .NET as Java's <c>Matcher.matches()</c> would.</summary>
public sealed class JavaRegexTranslatorTests
{
    [Theory]
    [InlineData("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}", "my--pipeline-1", true)]
    [InlineData("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}", "a_b", false)]
    [InlineData("[a-zA-Z0-9]+", "abc\n", false)]
    [InlineData("abc$", "abc\n", false)]
    public void IsMatch_UnanchoredPattern_MatchesTheWholeValue(string pattern, string value, bool expected)
    {
        new ModelPattern(pattern).IsMatch(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("a b", true)]
    [InlineData("a\nb", false)]
    [InlineData("a\rb", false)]
    [InlineData("a\u2028b", false)]
    [InlineData("a\u0085b", false)]
    public void IsMatch_Dot_ExcludesEveryJavaLineTerminator(string value, bool expected)
    {
        new ModelPattern(".*").IsMatch(value).ShouldBe(expected);
    }

    [Fact]
    public void IsMatch_DefinitionPattern_AcceptsLineBreaksBetweenLines()
    {
        new ModelPattern(@".*(?:[ \r\n\t].*)*").IsMatch("{\r\n  \"Version\": \"2020-12-01\"\n}").ShouldBeTrue();
    }

    [Theory]
    [InlineData(@"\d{3}", "123", true)]
    [InlineData(@"\d{3}", "\u0661\u0662\u0663", false)]
    [InlineData(@"[-\w]+", "text-plain_1", true)]
    [InlineData(@"[-\w]+", "t\u00e9xt", false)]
    [InlineData(@"\s", "\u00a0", false)]
    [InlineData(@"[\S]+", "caf\u00e9\u00a0x", true)]
    [InlineData(@"[\S\s]*", "any\u00a0thing\n\u2028at all", true)]
    public void IsMatch_ShorthandClasses_AreAsciiAsInJava(string pattern, string value, bool expected)
    {
        new ModelPattern(pattern).IsMatch(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData(@"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}", "team: ml", true)]
    [InlineData(@"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}", "no#hash", false)]
    [InlineData(@"a$*", "a", true)]
    public void IsMatch_QuantifiedEndAnchor_CompilesAndMeansTheAnchor(string pattern, string value, bool expected)
    {
        new ModelPattern(pattern).IsMatch(value).ShouldBe(expected);
    }

    [Fact]
    public void IsMatch_UnicodeCategoryClass_AcceptsCharactersOutsideTheBasicPlane()
    {
        new ModelPattern(@"[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*").IsMatch("launch \U0001F680 ok").ShouldBeTrue();
    }

    [Theory]
    [InlineData(@"\p{Alpha}+", "abc", true)]
    [InlineData(@"\p{Alpha}+", "ab1", false)]
    [InlineData(@"[\p{Alnum}-]+", "a-1", true)]
    [InlineData(@"\P{Digit}", "x", true)]
    [InlineData(@"\p{IsL}+", "\u00e9t\u00e9", true)]
    [InlineData(@"\Qa.b\E", "a.b", true)]
    [InlineData(@"\Qa.b\E", "axb", false)]
    [InlineData(@"\x{1F680}", "\U0001F680", true)]
    [InlineData(@"\h+", " \t", true)]
    public void IsMatch_JavaOnlySyntax_IsTranslated(string pattern, string value, bool expected)
    {
        new ModelPattern(pattern).IsMatch(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("model-1", true)]
    [InlineData("model-", false)]
    [InlineData("arn:aws:sagemaker:us-east-1:111122223333:model/model-1", true)]
    public void IsMatch_Lookbehind_FallsBackToBacktracking(string value, bool expected)
    {
        var pattern = new ModelPattern(@"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)");

        pattern.IsMatch(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("[a-z&&[^aeiou]]")]
    [InlineData("[a-z[A-Z]]")]
    [InlineData("[abc")]
    public void Translate_JavaOnlyClassForms_AreRefused(string pattern)
    {
        Should.Throw<NotSupportedException>(() => JavaRegexTranslator.Translate(pattern));
    }

    [Fact]
    public void Translate_AnyPattern_IsAnchoredAtBothEnds()
    {
        JavaRegexTranslator.Translate("[a-z]+").ShouldBe(@"\A(?:[a-z]+)\z");
    }
}
