using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Validation;

/// <summary>
/// What validating a clean definition allocates (docs/performance.md, "sluice validate of a 12,000-step
/// definition"): paths and names are made into strings only for a problem. Figures are the least of repeated calls,
/// once optimized code runs: tier-0 code may box what optimized code keeps on the stack.
/// </summary>
public sealed class ValidateAllocationTests
{
    [Fact]
    public void Validate_CleanChain_AllocatesUnderEightKilobytesPerStep()
    {
        // 300 steps: under StepChunks.MinParallelCount, so everything runs on this thread and is counted. Before the
        // reader and rules stopped making path texts and names per step, a step of this shape cost 11.5 KB; now about
        // 7.1 KB, most of it the step's model (names, expressions, references, lists) and the parser's metadata.
        const int Steps = 300;
        var utf8 = Encoding.UTF8.GetBytes(ChainDefinitions.Text(Steps));
        DefinitionValidator.Validate(utf8).Diagnostics.ShouldBeEmpty();

        var least = LeastAllocation(() => DefinitionValidator.Validate(utf8), 8_000 * Steps);

        (least / Steps).ShouldBeLessThan(8_000, $"{least / Steps} bytes per step");
    }

    [Fact]
    public void Check_CleanProcessingStepWithManyLocalPaths_AllocatesNoTextPerLocalPath()
    {
        // Fifty inputs in folders beside each other, and an output: each LocalPath used to cost its member path
        // (five strings), its segments (an array and a string each) and each ancestor's text: about 1 KB.
        const int Inputs = 50;
        var inputs = string.Join(", ", Enumerable.Range(0, Inputs).Select(i =>
            $$$"""{"InputName": "in{{{i}}}", "S3Input": {"S3Uri": "s3://b/{{{i}}}", "LocalPath": "/opt/ml/processing/input/d{{{i}}}", "S3DataType": "S3Prefix", "S3InputMode": "File"}}"""));
        var definition = $$$$"""
            {"Version": "2020-12-01", "Steps": [{"Name": "P", "Type": "Processing", "Arguments": {
              "ProcessingInputs": [{{{{inputs}}}}],
              "ProcessingOutputConfig": {"Outputs": [{"OutputName": "out", "S3Output": {"S3Uri": "s3://b/out", "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"}}]}}}]}
            """;
        var step = DefinitionReader.Read(definition).Definition!.Steps[0];
        var sink = new List<Diagnostic>();
        var scope = new DiagnosticScope(sink, step.Path, step.Name);
        LocalPathRules.Check(step, scope);
        sink.ShouldBeEmpty();

        // What is left per LocalPath (about 250 bytes): its text, its record among the folders seen, and its share of
        // the dictionaries' growth.
        var least = LeastAllocation(() => LocalPathRules.Check(step, scope), 400 * Inputs);

        (least / Inputs).ShouldBeLessThan(400, $"{least / Inputs} bytes per LocalPath");
    }

    [Fact]
    public void Check_WellFormedStepPropertyPath_AllocatesNoText()
    {
        PropertyPath.TryParse("ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri", out var path, out _).ShouldBeTrue();
        PropertyShapes.Instance.Check(StepType.Processing, path).ShouldBeNull();

        // The text of the part walked so far is made only to explain a path that does not fit (it cost four strings
        // here). What is left is the step type, boxed to read its name.
        LeastAllocation(() => PropertyShapes.Instance.Check(StepType.Processing, path), 24).ShouldBeLessThanOrEqualTo(24);
    }

    [Fact]
    public void Check_StepPropertyPathThatDoesNotFit_NamesThePartWalked()
    {
        PropertyPath.TryParse("ProcessingOutputConfig.Outputs['out'].S3Output.Bucket", out var path, out _).ShouldBeTrue();

        var problem = PropertyShapes.Instance.Check(StepType.Processing, path);

        problem.ShouldNotBeNull();
        problem.ShouldStartWith("'ProcessingOutputConfig.Outputs['out'].S3Output' has no member 'Bucket'");
    }

    [Fact]
    public void IsExpression_RandomObjects_IsTrueExactlyForOneFunctionMember()
    {
        // Member names as written in JSON, with what they read as: escapes must be read, case must count.
        (string Source, string Name)[] names =
            [("Get", "Get"), ("Std:Join", "Std:Join"), ("Std:JsonGet", "Std:JsonGet"), ("G\\u0065t", "Get"), ("get", "get"),
             ("Std:JoinX", "Std:JoinX"), ("Value", "Value"), (string.Empty, string.Empty)];
        string[] functions = ["Get", "Std:Join", "Std:JsonGet"];
        var objects =
            from members in Gen.ListOf(Gen.Choose(0, names.Length - 1))
            select members.Distinct().Take(4).ToList();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(objects.ToArbitrary(), members =>
        {
            var json = "{" + string.Join(", ", members.Select(m => $"\"{names[m].Source}\": \"x\"")) + "}";
            var element = JsonDocument.Parse(json).RootElement;
            var expected = members.Count == 1 && functions.Contains(names[members[0]].Name);
            return ExpressionParser.IsExpression(element) == expected;
        }));
    }

    [Theory]
    [InlineData("Parameters", "'Parameters' names no member after 'Parameters.'")]
    [InlineData("Steps.", "'Steps.' names no member after 'Steps.'")]
    [InlineData("Steps.Train", "'Steps.Train' names step 'Train' but none of its properties")]
    [InlineData("Steps..Arn", "'Steps..Arn' names no step after 'Steps.'")]
    [InlineData("Param.X", "'Param.X' does not start with Parameters., Execution., Steps. or PipelineExperimentConfig.")]
    public void ParseReference_Malformed_SaysWhatIsMissing(string text, string error)
    {
        ExpressionParser.ParseReference(text, out var message).ShouldBeNull();

        message.ShouldBe(error);
    }

    [Theory]
    [InlineData("Parameters.Rate", typeof(ParameterReference))]
    [InlineData("Execution.PipelineExecutionId", typeof(ExecutionVariableReference))]
    [InlineData("PipelineExperimentConfig.TrialName", typeof(ExperimentConfigReference))]
    public void ParseReference_WellFormed_KeepsTheNameAfterTheRoot(string text, Type kind)
    {
        var reference = ExpressionParser.ParseReference(text, out var error);

        error.ShouldBeNull();
        reference.ShouldBeOfType(kind);
        reference!.Text.ShouldBe(text);
    }

    [Fact]
    public void ParseReference_StepProperty_SplitsStepAndPath()
    {
        var reference = ExpressionParser.ParseReference("Steps.Train.ModelArtifacts.S3ModelArtifacts", out _).ShouldBeOfType<StepPropertyReference>();

        reference.StepName.ShouldBe("Train");
        reference.Path.ToString().ShouldBe("ModelArtifacts.S3ModelArtifacts");
        ExpressionParser.ParseReference("Steps.Eval['x']", out _).ShouldBeOfType<StepPropertyReference>().Path.ToString().ShouldBe("['x']");
    }

    private static long LeastAllocation(Action action, long target)
    {
        var least = long.MaxValue;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (least > target && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
