using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;
using Sluice.Core.Storage;

namespace Sluice.Core.Tests.Export.StepFunctions.SideBySide;

/// <summary>
/// The moto half of a side-by-side case: the export of the case's definition (in its compute mode), started with the
/// same parameters, in a fake AWS that holds what the Sluice run's jobs wrote. Batch jobs do nothing in moto, so the
/// objects the Sluice run left, and each job step's properties (what the bootstrap would write), are put into moto's S3
/// first; a job that failed in Sluice fails in Batch; Lambda returns what the stand-in returned; Callback tokens get the
/// same answers.
/// </summary>
internal static class MotoSide
{
    private static readonly HashSet<string> JobTypes = ["Processing", "Training", "Transform"];

    public static JsonObject Scenario(SideBySideCase @case, SluiceRun sluice)
    {
        var definition = JsonNode.Parse(@case.Definition)!.AsObject();
        var export = ExportHelper.ExportOf(@case.Definition, @case.Compute, allowApproximations: true);
        var scenario = MotoStepFunctions.Scenario(export, new JsonObject { ["Parameters"] = @case.Parameters.DeepClone() });
        scenario["executionName"] = sluice.ExecutionId;
        var objects = new JsonObject();
        foreach (var (uri, bytes) in sluice.Objects)
        {
            objects[uri] = Convert.ToBase64String(bytes);
        }

        scenario["objectsBase64"] = objects;
        var properties = new JsonObject();
        foreach (var step in sluice.Steps.Where(s => JobTypes.Contains(s.StepType) && s.Status == StepStatus.Succeeded && s.PropertiesJson is not null))
        {
            properties[step.StepName] = JsonNode.Parse(step.PropertiesJson!);
        }

        scenario["batchProperties"] = properties;
        scenario["failSteps"] = new JsonArray([.. sluice.Steps.Where(s => JobTypes.Contains(s.StepType) && s.Status == StepStatus.Failed).Select(s => (JsonNode)s.StepName)]);
        scenario["queues"] = new JsonArray([.. SluiceSide.QueueUrls(definition).Distinct().Select(u => (JsonNode)u)]);
        scenario["functions"] = new JsonArray([.. SluiceSide.FunctionArns(definition).Distinct().Select(a => (JsonNode)a)]);
        scenario["lambdaResults"] = new JsonArray([.. sluice.Steps.Where(s => s.StepType == "Lambda").Select(_ => (JsonNode)SluiceSide.LambdaOutput)]);
        scenario["callbackAnswers"] = new JsonArray([.. @case.CallbackAnswers.Select(a => (JsonNode)(a.FailureReason is { } reason
            ? new JsonObject { ["error"] = "Sluice.CallbackFailed", ["cause"] = reason }
            : new JsonObject { ["output"] = new JsonObject([.. a.Outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))]) }))]);
        return scenario;
    }

    /// <summary>
    /// Reads a moto result as a <see cref="RunOutcome"/>: a step ran when the state named after it was entered (each
    /// step is exactly one state; the export's helper states have a dot in their names, which step names cannot);
    /// a Condition step's branch is the <c>Name.True</c> or <c>Name.False</c> state entered after it.
    /// </summary>
    public static RunOutcome Outcome(SideBySideCase @case, JsonNode result)
    {
        var definition = JsonNode.Parse(@case.Definition)!.AsObject();
        var steps = SluiceSide.AllSteps(definition).ToDictionary(s => s["Name"]!.GetValue<string>(), s => s["Type"]!.GetValue<string>());
        var entered = MotoStepFunctions.Entered(result).ToHashSet(StringComparer.Ordinal);
        var status = result["status"]!.GetValue<string>() switch
        {
            "SUCCEEDED" => "Succeeded",
            "FAILED" => "Failed",
            "ABORTED" => "Stopped",
            var other => other,
        };
        var failMessage = result["error"]?.GetValue<string>() == "Sluice.FailStep" ? result["cause"]?.GetValue<string>() : null;
        return new RunOutcome(
            status,
            failMessage,
            [.. steps.Keys.Where(entered.Contains).Order(StringComparer.Ordinal)],
            [.. steps.Where(s => s.Value == "Condition" && entered.Contains(s.Key))
                .Select(s => s.Key + "=" + (entered.Contains(s.Key + ".True") ? "True" : entered.Contains(s.Key + ".False") ? "False" : "?"))
                .Order(StringComparer.Ordinal)]);
    }
}
