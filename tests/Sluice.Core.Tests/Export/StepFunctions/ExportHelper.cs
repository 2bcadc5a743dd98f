using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>Exports definitions for tests and finds states in the result, nested ones included.</summary>
internal static class ExportHelper
{
    public static StepFunctionsExport ExportOf(string definitionJson, ComputeTarget compute = ComputeTarget.SageMaker, bool allowApproximations = false)
    {
        var result = DefinitionValidator.Validate(definitionJson);
        var errors = MappingErrors(result);
        errors.ShouldBeEmpty(string.Join("\n", errors));
        return StepFunctionsExporter.Export(
            result.Definition!,
            new StepFunctionsExportOptions { PipelineName = "test", Compute = compute, AllowApproximations = allowApproximations });
    }

    public static StepFunctionsExportException Refused(string definitionJson, ComputeTarget compute = ComputeTarget.SageMaker)
    {
        var result = DefinitionValidator.Validate(definitionJson);
        var errors = MappingErrors(result);
        errors.ShouldBeEmpty(string.Join("\n", errors));
        return Should.Throw<StepFunctionsExportException>(() => StepFunctionsExporter.Export(
            result.Definition!,
            new StepFunctionsExportOptions { PipelineName = "test", Compute = compute }));
    }

    /// <summary>
    /// The validation errors that matter to the mapping: these tests give job steps only the Arguments the mapping reads
    /// (a RoleArn, say), not whole SageMaker requests, so the request-shape check (SLU214) is not theirs.
    /// </summary>
    private static List<Diagnostic> MappingErrors(ValidationResult result) =>
        [.. result.Errors.Where(d => d.Code != DiagnosticCodes.ArgumentShape)];

    /// <summary>Every state of the machine by name, the states inside Parallel branches included.</summary>
    public static Dictionary<string, JsonObject> AllStates(JsonObject machine)
    {
        var all = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        void Walk(JsonObject m)
        {
            foreach (var (name, node) in m["States"]!.AsObject())
            {
                var state = node!.AsObject();
                all.Add(name, state);
                foreach (var branch in state["Branches"]?.AsArray() ?? [])
                {
                    Walk(branch!.AsObject());
                }
            }
        }

        Walk(machine);
        return all;
    }

    /// <summary>A definition with the given steps (JSON objects, comma-separated) and parameters.</summary>
    public static string Definition(string steps, string parameters = "[]") =>
        $$"""{"Version": "2020-12-01", "Metadata": {}, "Parameters": {{parameters}}, "Steps": [{{steps}}]}""";

    public static string Lambda(string name, string dependsOn = "[]", string arguments = "{}") =>
        $$"""{"Name": "{{name}}", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "OutputParameters": [{"OutputName": "out", "OutputType": "String"}], "Arguments": {{arguments}}, "DependsOn": {{dependsOn}}}""";

    /// <summary>
    /// For each state, the states that have surely finished when it starts: along Next and Choice edges, and after a
    /// Parallel state every state inside it (a state reached several ways gets what all ways have in common).
    /// </summary>
    public static Dictionary<string, HashSet<string>> FinishedBefore(JsonObject machine)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        Visit(machine, [], result);
        return result;
    }

    private static HashSet<string> Visit(JsonObject machine, HashSet<string> input, Dictionary<string, HashSet<string>> result)
    {
        var states = machine["States"]!.AsObject();
        var incoming = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        var ends = new HashSet<string>(input, StringComparer.Ordinal);
        var endSeen = false;
        var pending = new Queue<string>();
        incoming[machine["StartAt"]!.GetValue<string>()] = new HashSet<string>(input, StringComparer.Ordinal);
        pending.Enqueue(machine["StartAt"]!.GetValue<string>());
        var guard = 0;
        while (pending.TryDequeue(out var name) && guard++ < 100_000)
        {
            var state = states[name]!.AsObject();
            var before = incoming[name]!;
            result[name] = before;
            var done = new HashSet<string>(before, StringComparer.Ordinal) { name };
            foreach (var branch in state["Branches"]?.AsArray() ?? [])
            {
                done.UnionWith(Visit(branch!.AsObject(), before, result));
            }

            var next = new List<string>();
            if (state["Next"] is { } n)
            {
                next.Add(n.GetValue<string>());
            }

            if (state["Default"] is { } d)
            {
                next.Add(d.GetValue<string>());
            }

            foreach (var choice in state["Choices"]?.AsArray() ?? [])
            {
                next.Add(choice!["Next"]!.GetValue<string>());
            }

            foreach (var catcher in state["Catch"]?.AsArray() ?? [])
            {
                next.Add(catcher!["Next"]!.GetValue<string>());
            }

            if (state["End"]?.GetValue<bool>() == true)
            {
                ends = endSeen ? [.. ends.Intersect(done)] : done;
                endSeen = true;
            }

            foreach (var target in next)
            {
                var carried = target == state["Catch"]?[0]?["Next"]?.GetValue<string>() ? before : done;
                if (incoming.TryGetValue(target, out var existing) && existing is not null)
                {
                    existing.IntersectWith(carried);
                }
                else
                {
                    incoming[target] = new HashSet<string>(carried, StringComparer.Ordinal);
                }

                pending.Enqueue(target);
            }
        }

        return ends;
    }
}
