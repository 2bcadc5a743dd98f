using System.Buffers;
using System.Text;
using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Core.Storage;
using Sluice.Server.Api;

namespace Sluice.Server.Tests.Api;

/// <summary>ListPipelineExecutions answers written from kept UTF-8 items (<see cref="ExecutionItems"/>).</summary>
public sealed class ExecutionListAnswerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ExecutionSummary[] Page =
    [
        new("arn:aws:sagemaker:us-east-1:000000000000:pipeline/p/execution/a", ExecutionStatus.Succeeded, T0.AddTicks(1234567), "näme \"quoted\" <b>", null, null),
        new("arn:aws:sagemaker:us-east-1:000000000000:pipeline/p/execution/b", ExecutionStatus.Failed, T0, null, "line\nbreak \u2028 😀", "boom\t\u0001"),
        new("arn:aws:sagemaker:us-east-1:000000000000:pipeline/p/execution/c", ExecutionStatus.Executing, T0.AddDays(-400), "running", "", null),
        new("arn:aws:sagemaker:us-east-1:000000000000:pipeline/p/execution/d", ExecutionStatus.Stopped, T0.AddSeconds(1), null, null, null),
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("eyJ0b2tlbiI6MX0=")]
    public void Write_ColdAndKeptItems_AreByteForByteTheWireTypesJson(string? nextToken)
    {
        var items = new ExecutionItems();
        var expected = JsonSerializer.Serialize(
            new ListPipelineExecutionsResponse { PipelineExecutionSummaries = [.. Page.Select(Sluice.Server.Api.WireShapes.Summary)], NextToken = nextToken },
            SageMakerJsonContext.Default.ListPipelineExecutionsResponse);

        var cold = Written(new ExecutionListAnswer(Page, nextToken), items);
        var kept = Written(new ExecutionListAnswer(Page, nextToken), items);

        cold.ShouldBe(expected);
        kept.ShouldBe(expected);
        items.Count.ShouldBe(3); // the ended ones
    }

    [Fact]
    public void Write_SummaryChangedSinceKept_WritesTheChange()
    {
        var items = new ExecutionItems();
        var first = Written(new ExecutionListAnswer([Page[0]], null), items);

        var equal = Written(new ExecutionListAnswer([Page[0] with { }], null), items);
        var renamed = Written(new ExecutionListAnswer([Page[0] with { DisplayName = "renamed" }], null), items);
        var retried = Written(new ExecutionListAnswer([Page[0] with { DisplayName = "renamed", Status = ExecutionStatus.Executing }], null), items);

        equal.ShouldBe(first);
        JsonDocument.Parse(renamed).RootElement.GetProperty("PipelineExecutionSummaries")[0].GetProperty("PipelineExecutionDisplayName").GetString().ShouldBe("renamed");
        JsonDocument.Parse(retried).RootElement.GetProperty("PipelineExecutionSummaries")[0].GetProperty("PipelineExecutionStatus").GetString().ShouldBe("Executing");
    }

    [Fact]
    public void Write_MoreEndedExecutionsThanKept_EmptiesTheCacheAndStaysCorrect()
    {
        var items = new ExecutionItems();
        for (var i = 0; i <= ExecutionItems.Capacity; i++)
        {
            var summary = new ExecutionSummary($"arn:{i}", ExecutionStatus.Succeeded, T0, null, null, null);
            Written(new ExecutionListAnswer([summary], null), items);
        }

        items.Count.ShouldBe(1);
    }

    private static string Written(ExecutionListAnswer answer, ExecutionItems items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            answer.Write(writer, items);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
