using Sluice.Definitions;

namespace Sluice.Definitions.Tests;

public sealed class SpellingTests
{
    private static readonly string[] Steps = ["PrepareData", "TrainModel", "EvaluateModel", "CheckMse", "RegisterModel", "BatchTransform"];

    [Theory]
    [InlineData("PrepData", "PrepareData")]
    [InlineData("EvalModel", "EvaluateModel")]
    [InlineData("Prep", "PrepareData")]
    [InlineData("TrainModle", "TrainModel")]
    [InlineData("prepare-data", "PrepareData")]
    [InlineData("PrepModel", null)]
    [InlineData("Data", null)]
    [InlineData("Model", null)]
    [InlineData("Tr", null)]
    [InlineData("BatchTransformer", "BatchTransform")]
    public void Closest_AmongTheExampleSteps_SuggestsOnlyWhatTheNameShortensOrMisspells(string name, string? expected) =>
        Spelling.Closest(name, Steps).ShouldBe(expected);

    [Fact]
    public void Closest_WordsShortenedInSnakeCase_SuggestsTheFullName() =>
        Spelling.Closest("prep_data", ["prepare_data", "train_model"]).ShouldBe("prepare_data");
}
