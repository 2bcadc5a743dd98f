using Sluice.Definitions;
using Sluice.Definitions.Expressions;

namespace Sluice.Definitions.Validation;

/// <summary>Checks a <c>Steps.S.Path</c> reference against the step it names and the properties that step's type has.</summary>
internal static class StepPropertyRules
{
    public static void Check(PipelineDefinition definition, StepDefinition? reader, string path, StepPropertyReference reference, DiagnosticScope scope)
    {
        if (!definition.TryGetStep(reference.StepName, out var target))
        {
            scope.Error(DiagnosticCodes.UnknownStep, path,
                $"references step '{reference.StepName}', which does not exist{Spelling.Hint(reference.StepName, definition.AllSteps.Select(s => s.Name))}");
            return;
        }

        if (ReferenceEquals(target, reader))
        {
            scope.Error(DiagnosticCodes.UnknownStep, path, $"'{reference.Text}' reads the step's own properties, which exist only once it has run");
            return;
        }

        var segments = reference.Path.Segments;
        if (segments[0] is PropertyPathSegment.Member { Name: "PropertyFiles" })
        {
            CheckPropertyFile(target, path, reference, scope);
            return;
        }

        switch (target.Type)
        {
            case StepType.Fail:
                scope.Error(DiagnosticCodes.PropertyPath, path, $"'{reference.Text}' reads Fail step '{target.Name}', which has no properties");
                break;
            case StepType.Condition when segments is not [PropertyPathSegment.Member { Name: "Outcome" }]:
                scope.Error(DiagnosticCodes.PropertyPath, path, $"'{reference.Text}': a Condition step has one property, Outcome");
                break;
            case StepType.Lambda or StepType.Callback:
                CheckOutputParameter(target, path, reference, scope);
                break;
            default:
                if (PropertyShapes.Instance.Check(target.Type, reference.Path) is { } problem)
                {
                    scope.Error(DiagnosticCodes.PropertyPath, path, $"'{reference.Text}': {problem}");
                }

                break;
        }
    }

    private static void CheckPropertyFile(StepDefinition target, string path, StepPropertyReference reference, DiagnosticScope scope)
    {
        if (reference.PropertyFileName is not { } name)
        {
            scope.Error(DiagnosticCodes.UnknownPropertyFile, path, $"'{reference.Text}' must name one property file: Steps.<step>.PropertyFiles.<name>");
        }
        else if (!target.PropertyFiles.Any(f => f.Name == name))
        {
            var declared = target.PropertyFiles.Count == 0
                ? $"step '{target.Name}' declares no PropertyFiles"
                : $"step '{target.Name}' declares {string.Join(", ", target.PropertyFiles.Select(f => $"'{f.Name}'"))}{Spelling.Hint(name, target.PropertyFiles.Select(f => f.Name))}";
            scope.Error(DiagnosticCodes.UnknownPropertyFile, path, $"references property file '{name}', but {declared}");
        }
    }

    private static void CheckOutputParameter(StepDefinition target, string path, StepPropertyReference reference, DiagnosticScope scope)
    {
        if (reference.Path.Segments is not [PropertyPathSegment.Member { Name: "OutputParameters" }, PropertyPathSegment.Key key])
        {
            scope.Error(DiagnosticCodes.PropertyPath, path,
                $"'{reference.Text}': a {target.Type} step exposes its outputs as OutputParameters['name']");
            return;
        }

        if (!target.OutputParameters.Any(o => o.Name == key.Value))
        {
            scope.Error(DiagnosticCodes.UnknownOutput, path,
                $"references output '{key.Value}' of step '{target.Name}', which declares no such OutputParameters entry{Spelling.Hint(key.Value, target.OutputParameters.Select(o => o.Name))}");
        }
    }
}
