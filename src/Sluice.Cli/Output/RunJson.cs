using System.Text;
using System.Text.Json;
using Sluice.Core.Api;
using Sluice.Definitions;
using Sluice.Core.Storage;

namespace Sluice.Cli.Output;

/// <summary>
/// What <c>sluice run --json</c> prints: <c>{"PipelineExecution": DescribePipelineExecution, "Steps":
/// [ListPipelineExecutionSteps items], "Parameters": [ListPipelineParametersForExecution items]}</c>.
/// </summary>
internal static class RunJson
{
    public static string Write(ExecutionRecord execution, IReadOnlyList<StepRecord> steps, PipelineDefinition? definition)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = CliJsonContext.OutputEncoder }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("PipelineExecution");
            ApiShapes.WriteExecution(writer, execution);
            writer.WriteStartArray("Steps");
            foreach (var step in steps.Reverse())
            {
                StepDefinition? stepDefinition = null;
                definition?.TryGetStep(step.StepName, out stepDefinition);
                ApiShapes.WriteStep(writer, step, stepDefinition);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("Parameters");
            foreach (var parameter in execution.Parameters)
            {
                ApiShapes.WriteParameter(writer, parameter);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
