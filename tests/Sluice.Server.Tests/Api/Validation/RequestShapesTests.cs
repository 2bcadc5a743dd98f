using System.Text.Json;
using Sluice.Definitions.Shapes;
using Sluice.Server.Api;
using Sluice.Server.Api.Validation;

namespace Sluice.Server.Tests.Api.Validation;

/// <summary>The shapes generated from botocore, as embedded and loaded.</summary>
public sealed class RequestShapesTests
{
    [Fact]
    public void Embedded_EveryPattern_CompilesInDotNet()
    {
        var patterns = RequestValidator.Shapes.Patterns;

        patterns.Count.ShouldBeGreaterThan(30);
        foreach (var pattern in patterns)
        {
            Should.NotThrow(() => pattern.Regex, $"pattern {pattern.Source} as {JavaRegexTranslator.Translate(pattern.Source)}");
        }
    }

    [Fact]
    public void Embedded_Source_NamesTheBotocoreVersion()
    {
        RequestValidator.Default.Source.ShouldMatch(@"^botocore \d+\.\d+\.\d+$");
    }

    [Fact]
    public void Embedded_EveryServedOperation_HasAModeledInput()
    {
        var pipelines = new PipelineApi(null!).Operations.Keys.Select(name => "SageMaker." + name);
        var queues = new QueueApi(null!, TimeProvider.System).Operations.Keys.Select(name => "AmazonSQS." + name);

        foreach (var target in pipelines.Concat(queues))
        {
            RequestValidator.Default.Knows(target).ShouldBeTrue(target);
        }
    }

    [Fact]
    public void Embedded_Targets_AreTheListedOperations()
    {
        var targets = RequestValidator.Shapes.Targets.ToList();

        targets.Count.ShouldBe(46);
        targets.ShouldContain("SageMaker.UpdatePipelineVersion");
        targets.ShouldContain("SageMaker.ListTrainingJobsForHyperParameterTuningJob");
        targets.ShouldContain("AmazonSQS.ChangeMessageVisibility");
    }

    [Fact]
    public void Embedded_SqsEnums_AreNotEnforced()
    {
        var body = """{"QueueUrl":"http://localhost/000000000000/q","AttributeNames":["ApproximateReceiveCount","SentTimestamp"]}""";
        using var document = JsonDocument.Parse(body);

        Should.NotThrow(() => RequestValidator.Default.Validate("AmazonSQS.ReceiveMessage", document.RootElement));
    }

    [Fact]
    public void Parse_RecursiveShape_ValidatesThroughReferences()
    {
        using var model = JsonDocument.Parse("""
            {"source":"test","S":{"operations":{"Op":"Node"},"shapes":{
              "Node":{"type":"structure","members":{"Name":"Name","Next":"Node","Children":"Nodes"}},
              "Nodes":{"type":"list","member":"Node"},
              "Name":{"type":"string","max":3}}}}
            """);
        var shapes = ServiceShapes.Parse(model.RootElement);
        using var body = JsonDocument.Parse("""{"Next":{"Next":{"Name":"long"}},"Children":[{"Name":"ok"},{"Next":{"Name":"four"}}]}""");

        var violations = RequestWalk.Run(shapes.InputOf("S.Op")!, body.RootElement);

        violations.ShouldBe([
            "Value 'long' at 'next.next.name' failed to satisfy constraint: Member must have length less than or equal to 3",
            "Value 'four' at 'children.2.member.next.name' failed to satisfy constraint: Member must have length less than or equal to 3",
        ]);
    }

    [Fact]
    public void Parse_ReferenceToAnUndefinedShape_IsRefused()
    {
        using var model = JsonDocument.Parse("""{"S":{"operations":{"Op":"A"},"shapes":{"A":{"type":"list","member":"Missing"}}}}""");

        Should.Throw<InvalidOperationException>(() => ServiceShapes.Parse(model.RootElement)).Message.ShouldContain("Missing");
    }
}
