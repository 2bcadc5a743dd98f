using System.Reflection;
using Sluice.Definitions.Expressions;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Steps;

namespace Sluice.Config.References;

/// <summary>
/// Walks a step's typed Sluice.Sdk properties along a Describe* path (<c>ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri</c>):
/// a member is the node's property of that name, <c>[0]</c> a list's item, <c>['key']</c> a list's or map's item by
/// name. The result is the same reference C# code gets from <c>step.Properties.X.Y</c>, and a path the step's
/// properties do not have is an error, as a misspelt member is a compile error in C#.
/// </summary>
internal static class PropertyPathWalker
{
    /// <summary>The property at <paramref name="path"/> of <paramref name="step"/>.</summary>
    /// <param name="step">The step.</param>
    /// <param name="path">The path below the step.</param>
    /// <param name="error">What is wrong, when the step has no such property.</param>
    /// <returns>The property, or <see langword="null"/> with <paramref name="error"/> set.</returns>
    public static PropertyNode? Walk(Step step, PropertyPath path, out string? error)
    {
        error = null;
        if (step.GetType().GetProperty("Properties", BindingFlags.Public | BindingFlags.Instance)?.GetValue(step) is not PropertyNode node)
        {
            error = $"{step.StepType} step '{step.Name}' has no properties";
            return null;
        }

        var walked = $"{step.StepType} step '{step.Name}'";
        foreach (var segment in path.Segments)
        {
            PropertyNode? next;
            switch (segment)
            {
                case PropertyPathSegment.Member member:
                    var members = Members(node.GetType());
                    next = members.FirstOrDefault(p => p.Name == member.Name)?.GetValue(node) as PropertyNode;
                    if (next is null)
                    {
                        error = $"'{member.Name}' is not a property of {walked}{Suggestions.Hint(member.Name, members.Select(p => p.Name))}";
                        return null;
                    }

                    break;
                case PropertyPathSegment.Index index:
                    next = Indexer(node.GetType(), typeof(int))?.GetValue(node, [index.Position]) as PropertyNode;
                    if (next is null)
                    {
                        error = $"{walked} is not a list; '[{index.Position}]' does not apply";
                        return null;
                    }

                    break;
                case PropertyPathSegment.Key key:
                    next = Indexer(node.GetType(), typeof(string))?.GetValue(node, [key.Value]) as PropertyNode;
                    if (next is null)
                    {
                        error = $"{walked} is not a list or map; \"['{key.Value}']\" does not apply";
                        return null;
                    }

                    break;
                default:
                    error = $"'{segment}' is not a property path segment";
                    return null;
            }

            walked = $"'{next.PropertyPath}'";
            node = next;
        }

        return node;
    }

    private static List<PropertyInfo> Members(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && typeof(PropertyNode).IsAssignableFrom(p.PropertyType))];

    private static PropertyInfo? Indexer(Type type, Type parameter) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.GetIndexParameters() is [{ } only] && only.ParameterType == parameter);
}
