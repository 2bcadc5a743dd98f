using System.Text.Json.Nodes;
using Sluice.Definitions.Validation;
using Sluice.Sdk;

namespace Sluice.Sdk.Tests.Support;

/// <summary>Compares generated definitions with golden JSON, structurally (member order aside), and runs them past the validator.</summary>
internal static class Golden
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(FixturePath(name)))!;

    /// <summary>Asserts that the pipeline's definition equals the golden file's, member order aside, and that the validator accepts it.</summary>
    public static void ShouldMatch(Pipeline pipeline, string goldenName)
    {
        var text = pipeline.ToDefinitionJson();
        ShouldMatch(JsonNode.Parse(text)!, Load(goldenName));
        ShouldBeValid(text);
    }

    /// <summary>Asserts that two JSON trees are equal, member order aside, naming the first place they differ.</summary>
    public static void ShouldMatch(JsonNode? actual, JsonNode? expected, string path = "$")
    {
        if (JsonNode.DeepEquals(actual, expected))
        {
            return;
        }

        switch (actual, expected)
        {
            case (JsonObject a, JsonObject e):
                foreach (var name in e.Select(m => m.Key).Union(a.Select(m => m.Key)))
                {
                    a.TryGetPropertyValue(name, out var av).ShouldBeTrue($"{path}.{name} is missing; expected {e[name]?.ToJsonString()}");
                    e.TryGetPropertyValue(name, out var ev).ShouldBeTrue($"{path}.{name} is not expected; it is {av?.ToJsonString()}");
                    ShouldMatch(av, ev, $"{path}.{name}");
                }

                break;
            case (JsonArray a, JsonArray e):
                a.Count.ShouldBe(e.Count, $"{path} has {a.Count} items, expected {e.Count}: {a.ToJsonString()}");
                for (var i = 0; i < a.Count; i++)
                {
                    ShouldMatch(a[i], e[i], $"{path}[{i}]");
                }

                break;
            default:
                throw new ShouldAssertException($"{path} is {actual?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}");
        }
    }

    /// <summary>Asserts that the validator finds no error in a definition.</summary>
    public static void ShouldBeValid(string definition)
    {
        var errors = DefinitionValidator.Validate(definition).Errors.Select(d => d.ToString()).ToList();
        errors.ShouldBeEmpty();
    }
}
