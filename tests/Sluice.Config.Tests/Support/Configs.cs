using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Config.Factories;
using Sluice.Config.Loading;

namespace Sluice.Config.Tests.Support;

/// <summary>Builds pipelines from configuration given as text, in the environment <c>dev</c>.</summary>
internal static class Configs
{
    public const string Environment = "dev";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Shared = """
        project_name: test
        region: us-east-1
        bucket: test-bucket
        role_arn: arn:aws:iam::111122223333:role/Test
        defaults:
          image_uri: image:1
          instance_type: ml.m5.large
        parameters:
          - {name: InputData, type: String, default: s3://test-bucket/input}
          - {name: Threshold, type: Float, default: 0.5}
          - {name: Depth, type: Integer, default: 3}
          - {name: Flag, type: Boolean, default: true}
        values:
          data: s3://${shared.bucket}/data
        """;

    public static InMemoryConfigLoader Loader(string shared, params (string File, string Yaml)[] steps)
    {
        var loader = new InMemoryConfigLoader().Add(Environment, YamlConfigLoader.SharedFileName, shared);
        foreach (var (file, yaml) in steps)
        {
            loader.Add(Environment, file, yaml);
        }

        return loader;
    }

    public static BuiltPipeline Build(params (string File, string Yaml)[] steps) => BuildWith(Shared, steps);

    public static BuiltPipeline BuildWith(string shared, params (string File, string Yaml)[] steps) =>
        new PipelineBuilder(Loader(shared, steps)).Build(Environment);

    public static BuiltPipeline BuildWith(StepFactoryRegistry factories, params (string File, string Yaml)[] steps) =>
        new PipelineBuilder(Loader(Shared, steps), factories).Build(Environment);

    public static PipelineConfigException Fails(params (string File, string Yaml)[] steps) => FailsWith(Shared, steps);

    public static PipelineConfigException FailsWith(string shared, params (string File, string Yaml)[] steps) =>
        Should.Throw<PipelineConfigException>(() => BuildWith(shared, steps));

    /// <summary>A step of the definition, top-level or in a branch, by name.</summary>
    public static JsonObject Step(BuiltPipeline built, string name) =>
        AllSteps(JsonNode.Parse(built.DefinitionJson)!["Steps"]!.AsArray()).FirstOrDefault(s => s["Name"]!.GetValue<string>() == name)
            ?? throw new ShouldAssertException($"no step '{name}' in {built.DefinitionJson}");

    /// <summary>The names of the definition's top-level steps, in order.</summary>
    public static IReadOnlyList<string> TopLevelNames(BuiltPipeline built) =>
        [.. JsonNode.Parse(built.DefinitionJson)!["Steps"]!.AsArray().Select(s => s!["Name"]!.GetValue<string>())];

    /// <summary>Expected JSON written with backticks for double quotes, so that it reads inline: <c>{`Name`:`Prep`}</c>.</summary>
    public static string J(string json) => json.Replace('`', '"');

    /// <summary>Asserts that a node's compact JSON is <paramref name="expected"/> (backticks for double quotes), showing both in full when not.</summary>
    public static void ShouldBeJson(this JsonNode? actual, string expected)
    {
        var text = Json(actual);
        if (text != J(expected))
        {
            throw new ShouldAssertException($"JSON differs.\nexpected: {J(expected)}\nactual:   {text}");
        }
    }

    /// <summary>Compact JSON of a node, for comparing with expected JSON text.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Relaxed) ?? "null";

    private static IEnumerable<JsonObject> AllSteps(JsonArray steps)
    {
        foreach (var step in steps.OfType<JsonObject>())
        {
            yield return step;
            if (step["Type"]!.GetValue<string>() == "Condition")
            {
                foreach (var nested in AllSteps(step["Arguments"]!["IfSteps"]!.AsArray()).Concat(AllSteps(step["Arguments"]!["ElseSteps"]!.AsArray())))
                {
                    yield return nested;
                }
            }
        }
    }
}
