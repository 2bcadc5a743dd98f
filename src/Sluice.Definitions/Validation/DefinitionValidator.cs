using Sluice.Definitions;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Graph;
using Sluice.Definitions.Json;
using Sluice.Definitions.Parallelism;

namespace Sluice.Definitions.Validation;

/// <summary>
/// Checks what ties the parts of a definition together: unique step names, DependsOn targets, every reference to a
/// parameter, execution variable, step property, property file or output, and the absence of cycles.
/// </summary>
public static class DefinitionValidator
{
    private static readonly string[] ExperimentConfigMembers = ["ExperimentName", "TrialName"];

    /// <summary>Reads and validates a definition's text, returning every problem at once.</summary>
    /// <param name="text">The definition JSON.</param>
    /// <returns>The definition (when the text is a JSON object), its graph (when it has one) and all diagnostics.</returns>
    public static ValidationResult Validate(string text) => Validate(JsonStrings.ToUtf8(text));

    /// <summary>Reads and validates a definition's UTF-8 bytes, returning every problem at once.</summary>
    /// <param name="utf8">The definition JSON in UTF-8, as read from a file.</param>
    /// <returns>The definition (when the text is a JSON object), its graph (when it has one) and all diagnostics.</returns>
    public static ValidationResult Validate(ReadOnlyMemory<byte> utf8)
    {
        var read = DefinitionReader.Read(utf8);
        if (read.Definition is null)
        {
            return new ValidationResult(null, null, read.Diagnostics);
        }

        var diagnostics = new List<Diagnostic>(read.Diagnostics);
        var graph = Validate(read.Definition, diagnostics);
        return new ValidationResult(read.Definition, graph, Sort(diagnostics));
    }

    /// <summary>Runs the cross-element checks on a definition that has been read, adding to <paramref name="diagnostics"/>.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="diagnostics">Receives the problems found.</param>
    /// <returns>The definition's graph.</returns>
    public static PipelineGraph Validate(PipelineDefinition definition, List<Diagnostic> diagnostics)
    {
        CheckDuplicateSteps(definition, diagnostics);
        CheckDependsOn(definition, diagnostics);

        // The LocalPath and Arguments shape rules look at one step alone: on a large definition they run on the other
        // cores while this thread checks references and builds the graph. Each step's problems are kept apart and
        // added below in the order a single pass made them: per step, its own rules' problems, then its references'.
        var steps = definition.AllSteps;
        var own = new List<Diagnostic>?[steps.Count];
        var ownRules = StepChunks.Start(steps.Count, (first, end, _) => CheckOwnRules(steps, first, end, own));

        var references = new List<Diagnostic>?[steps.Count];
        var sink = new List<Diagnostic>();
        var usedParameters = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var scope = new DiagnosticScope(sink, step.Path, step.Name.Length > 0 ? step.Name : null);
            foreach (var site in step.Expressions)
            {
                foreach (var get in site.Expression.Gets())
                {
                    CheckReference(definition, step, get.MemberPath, get.Reference, scope, usedParameters);
                }
            }

            references[i] = TakeAll(sink);
        }

        var after = new List<Diagnostic>();
        CheckExperimentConfig(definition, after, usedParameters);
        CheckUnusedParameters(definition, after, usedParameters);

        var graph = PipelineGraph.Build(definition);
        foreach (var cycle in graph.FindCycles())
        {
            var first = graph.Nodes[cycle[0]];
            var names = string.Join(" → ", cycle.Select(i => graph.Nodes[i].Name));
            new DiagnosticScope(after, first.Path, first.Name).Error(DiagnosticCodes.Cycle, string.Empty,
                $"steps depend on each other in a cycle: {names}");
        }

        ownRules.Join();
        for (var i = 0; i < steps.Count; i++)
        {
            AddAll(diagnostics, own[i]);
            AddAll(diagnostics, references[i]);
        }

        diagnostics.AddRange(after);
        return graph;
    }

    /// <summary>The rules that need nothing but the step itself, for steps <paramref name="first"/> to <paramref name="end"/>.</summary>
    private static void CheckOwnRules(IReadOnlyList<StepDefinition> steps, int first, int end, List<Diagnostic>?[] own)
    {
        var sink = new List<Diagnostic>();
        for (var i = first; i < end; i++)
        {
            var step = steps[i];
            var scope = new DiagnosticScope(sink, step.Path, step.Name.Length > 0 ? step.Name : null);
            LocalPathRules.Check(step, scope);
            ArgumentShapeRules.Check(step.Type, step.Arguments, scope);
            own[i] = TakeAll(sink);
        }
    }

    /// <summary>A copy of what the sink holds (none when it is empty, the usual case), leaving it empty.</summary>
    private static List<Diagnostic>? TakeAll(List<Diagnostic> sink)
    {
        if (sink.Count == 0)
        {
            return null;
        }

        List<Diagnostic> taken = [.. sink];
        sink.Clear();
        return taken;
    }

    private static void AddAll(List<Diagnostic> diagnostics, List<Diagnostic>? more)
    {
        if (more is not null)
        {
            diagnostics.AddRange(more);
        }
    }

    /// <summary>Orders diagnostics by their place in the document, keeping the order of those at one place.</summary>
    internal static List<Diagnostic> Sort(List<Diagnostic> diagnostics) =>
        [.. diagnostics.Select((d, i) => (d, i)).OrderBy(x => x.d.OwnerPath, PathComparer.Instance).ThenBy(x => x.i).Select(x => x.d)];

    private static void CheckDuplicateSteps(PipelineDefinition definition, List<Diagnostic> diagnostics)
    {
        var first = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        foreach (var step in definition.AllSteps)
        {
            if (step.Name.Length == 0)
            {
                continue;
            }

            if (first.TryGetValue(step.Name, out var original))
            {
                new DiagnosticScope(diagnostics, step.Path, step.Name).Error(DiagnosticCodes.DuplicateStep, "Name",
                    $"step {original.Path} is already named '{step.Name}'; step names must be unique, nested steps included");
            }
            else
            {
                first.Add(step.Name, step);
            }
        }
    }

    private static void CheckDependsOn(PipelineDefinition definition, List<Diagnostic> diagnostics)
    {
        foreach (var step in definition.AllSteps)
        {
            for (var i = 0; i < step.DependsOn.Count; i++)
            {
                var name = step.DependsOn[i];
                if (!definition.TryGetStep(name, out _))
                {
                    var position = IndexIn(step, name);
                    new DiagnosticScope(diagnostics, step.Path, step.Name).Error(DiagnosticCodes.DependsOn, JsonPaths.Index("DependsOn", position),
                        $"depends on step '{name}', which does not exist{Spelling.Hint(name, definition.AllSteps.Select(s => s.Name))}");
                }
            }
        }
    }

    private static int IndexIn(StepDefinition step, string name)
    {
        var i = 0;
        foreach (var item in step.Source.GetProperty("DependsOn").EnumerateArray())
        {
            if (item.ValueKind == System.Text.Json.JsonValueKind.String && item.GetString() == name)
            {
                return i;
            }

            i++;
        }

        return 0;
    }

    private static void CheckReference(
        PipelineDefinition definition,
        StepDefinition? step,
        string path,
        Reference reference,
        DiagnosticScope scope,
        HashSet<string> usedParameters)
    {
        switch (reference)
        {
            case ParameterReference p:
                usedParameters.Add(p.Name);
                if (definition.FindParameter(p.Name) is null)
                {
                    scope.Error(DiagnosticCodes.UnknownParameter, path,
                        $"references parameter '{p.Name}', which is not declared{Spelling.Hint(p.Name, definition.Parameters.Select(x => x.Name))}");
                }

                break;
            case ExecutionVariableReference e:
                CheckExecutionVariable(step, path, e, scope);
                break;
            case ExperimentConfigReference c when Array.IndexOf(ExperimentConfigMembers, c.Name) < 0:
                scope.Error(DiagnosticCodes.ExperimentConfig, path,
                    $"'{c.Text}' is not a PipelineExperimentConfig member; use ExperimentName or TrialName{Spelling.Hint(c.Name, ExperimentConfigMembers)}");
                break;
            case StepPropertyReference s:
                StepPropertyRules.Check(definition, step, path, s, scope);
                break;
        }
    }

    private static void CheckExecutionVariable(StepDefinition? step, string path, ExecutionVariableReference e, DiagnosticScope scope)
    {
        if (!ExecutionVariables.All.Contains(e.Name))
        {
            scope.Error(DiagnosticCodes.ExecutionVariable, path,
                $"'{e.Text}' is not an execution variable{Spelling.Hint(e.Name, ExecutionVariables.All)}; use one of {string.Join(", ", ExecutionVariables.All.Order(StringComparer.Ordinal))}");
            return;
        }

        var ownType = e.Name switch
        {
            ExecutionVariables.TrainingJobName => StepType.Training,
            ExecutionVariables.ProcessingJobName => StepType.Processing,
            _ => (StepType?)null,
        };
        if (ownType is { } required && step?.Type != required)
        {
            scope.Error(DiagnosticCodes.ExecutionVariable, path,
                $"Execution.{e.Name} names the job of the step that reads it, so only {required} steps may read it");
        }
    }

    private static void CheckExperimentConfig(PipelineDefinition definition, List<Diagnostic> diagnostics, HashSet<string> usedParameters)
    {
        if (definition.ExperimentConfig is not { } config)
        {
            return;
        }

        var scope = new DiagnosticScope(diagnostics, string.Empty, null);
        foreach (var (member, expression) in new[] { ("ExperimentName", config.ExperimentName), ("TrialName", config.TrialName) })
        {
            foreach (var get in expression?.Gets() ?? [])
            {
                CheckReference(definition, null, get.MemberPath, get.Reference, scope, usedParameters);
            }
        }
    }

    private static void CheckUnusedParameters(PipelineDefinition definition, List<Diagnostic> diagnostics, HashSet<string> usedParameters)
    {
        foreach (var parameter in definition.Parameters)
        {
            if (!usedParameters.Contains(parameter.Name))
            {
                new DiagnosticScope(diagnostics, parameter.Path, parameter.Name).Warning(DiagnosticCodes.UnusedParameter, string.Empty,
                    "the parameter is declared but no step reads it");
            }
        }
    }
}
