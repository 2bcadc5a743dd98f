namespace Sluice.Definitions.Tests.Json;

public sealed class JsonLocatorTests
{
    private const string Text = """
        {
          "Steps": [
            {"Name": "A", "Arguments": {"X": [1, {"Get": "Parameters.P"}]}},
            {
              "Name": "B"
            }
          ],
          "odd key": 1
        }
        """;

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("Steps", 2, 3)]
    [InlineData("Steps[0]", 3, 5)]
    [InlineData("Steps[0].Arguments.X[1]", 3, 42)]
    [InlineData("Steps[0].Arguments.X[1].Get", 3, 43)]
    [InlineData("Steps[1].Name", 5, 7)]
    [InlineData("['odd key']", 8, 3)]
    public void Find_KnownPath_ReturnsLineAndColumn(string path, int line, int column) =>
        new JsonLocator(Text).Find(path).ShouldBe(new TextPosition(line, column));

    [Fact]
    public void Find_PathNotInText_FallsBackToNearestAncestor() =>
        new JsonLocator(Text).Find("Steps[1].Arguments.RoleArn").ShouldBe(new TextPosition(4, 5));

    [Fact]
    public void FirstDuplicate_RepeatedMember_IsFound()
    {
        var locator = new JsonLocator("{\"a\": {\"b\": 1,\n \"b\": 2}}");

        locator.FirstDuplicate.ShouldBe(("a.b", new TextPosition(2, 2)));
    }
}
