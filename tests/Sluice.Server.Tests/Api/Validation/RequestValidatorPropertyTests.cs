using FsCheck;
using FsCheck.Fluent;
using static Sluice.Server.Tests.Support.Requests;

namespace Sluice.Server.Tests.Api.Validation;

/// <summary>Generated values on either side of the model's limits.</summary>
public sealed class RequestValidatorPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly char[] Alphanumerics = [.. "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];

    [Fact]
    public void Validate_GeneratedPipelineName_PassesCreatePipeline()
    {
        Check.One(Runs, Prop.ForAll(PipelineNames().ToArbitrary(), name =>
            Passes("SageMaker.CreatePipeline", CreatePipeline(("PipelineName", name)))));
    }

    [Fact]
    public void Validate_PipelineNameWithAForeignCharacter_Fails()
    {
        var names =
            from name in PipelineNames()
            from position in Gen.Choose(0, name.Length)
            from foreign in Gen.Elements('_', '.', ' ', '/', '\u00e9', ':')
            select name.Insert(Math.Min(position, name.Length), foreign.ToString());
        Check.One(Runs, Prop.ForAll(names.ToArbitrary(), name =>
            Fails("SageMaker.CreatePipeline", CreatePipeline(("PipelineName", name))).Message.Contains("regular expression pattern", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_DescriptionOverMaxLength_AlwaysFailsWithTheLimit()
    {
        var descriptions =
            from length in Gen.Choose(3073, 5000)
            from text in Gen.ArrayOf(Gen.Choose(32, 0xD7FF).Select(c => (char)c), length)
            select new string(text);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), Prop.ForAll(descriptions.ToArbitrary(), description =>
            Fails("SageMaker.StartPipelineExecution", StartPipelineExecution(("PipelineExecutionDescription", description)))
                .Message.Contains("at 'pipelineExecutionDescription' failed to satisfy constraint: Member must have length less than or equal to 3072", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_MaxResults_PassesExactlyWithinOneToHundred()
    {
        Check.One(Runs, Prop.ForAll(Gen.Choose(-1000, 1000).ToArbitrary(), maxResults =>
            Passes("SageMaker.ListPipelines", $$"""{"MaxResults":{{maxResults}}}""") == maxResults is >= 1 and <= 100));
    }

    /// <summary>Names of the model's grammar, <c>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}</c>: 1 to 256 letters and digits, dashes between.</summary>
    private static Gen<string> PipelineNames() =>
        from first in Gen.Elements(Alphanumerics)
        from count in Gen.Choose(0, 255)
        from rest in Gen.ArrayOf(
            from dashes in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
            from character in Gen.Elements(Alphanumerics)
            select new string('-', dashes) + character,
            count)
        select Bounded(first, rest);

    /// <summary>The first character and as many segments as fit the model's 256 characters.</summary>
    private static string Bounded(char first, string[] segments)
    {
        var name = new System.Text.StringBuilder().Append(first);
        foreach (var segment in segments.TakeWhile(segment => name.Length + segment.Length <= 256))
        {
            name.Append(segment);
        }

        return name.ToString();
    }
}
