using System.Text;
using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Core.Storage;
using Sluice.Definitions;
using Sluice.Server.Api;

namespace Sluice.Cli.Output;

/// <summary>
/// What <c>sluice run --json</c> prints: <c>{"PipelineExecution": DescribePipelineExecution, "Steps":
/// [ListPipelineExecutionSteps items], "Parameters": [ListPipelineParametersForExecution items]}</c>, written with
/// the wire types the server answers with (<see cref="WireShapes"/>).
/// </summary>
internal static class RunJson
{
    public static string Write(ExecutionRecord execution, IReadOnlyList<StepRecord> steps, PipelineDefinition? definition)
    {
        var wire = SageMakerJsonContext.Default;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = CliJsonContext.OutputEncoder }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("PipelineExecution");
            JsonSerializer.Serialize(writer, WireShapes.Execution(execution), wire.DescribePipelineExecutionResponse);
            writer.WriteStartArray("Steps");
            foreach (var step in steps.Reverse())
            {
                StepDefinition? stepDefinition = null;
                definition?.TryGetStep(step.StepName, out stepDefinition);
                JsonSerializer.Serialize(writer, WireShapes.Step(step, stepDefinition), wire.PipelineExecutionStep);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("Parameters");
            foreach (var parameter in execution.Parameters)
            {
                JsonSerializer.Serialize(writer, WireShapes.Parameter(parameter), wire.Parameter);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
