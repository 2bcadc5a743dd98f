using System.Text.Json.Nodes;

namespace Sluice.Definitions.Tests.Support;

/// <summary>Builders for small definitions of in-engine steps, in the SDK's shapes.</summary>
internal static class Pipelines
{
    public static JsonObject Definition(params JsonObject[] steps) => Definition([], steps);

    public static JsonObject Definition(JsonObject[] parameters, params JsonObject[] steps) => new()
    {
        ["Version"] = "2020-12-01",
        ["Metadata"] = new JsonObject(),
        ["Parameters"] = new JsonArray([.. parameters]),
        ["PipelineExperimentConfig"] = null,
        ["Steps"] = new JsonArray([.. steps]),
    };

    public static JsonObject Parameter(string name, string type, JsonNode? defaultValue = null)
    {
        var parameter = new JsonObject { ["Name"] = name, ["Type"] = type };
        if (defaultValue is not null)
        {
            parameter["DefaultValue"] = defaultValue;
        }

        return parameter;
    }

    public static JsonObject Get(string reference) => new() { ["Get"] = reference };

    public static JsonObject Join(string on, params JsonNode[] values) =>
        new() { ["Std:Join"] = new JsonObject { ["On"] = on, ["Values"] = new JsonArray(values) } };

    public static JsonObject Fail(string name, JsonNode? message, params string[] dependsOn) =>
        WithDependsOn(new JsonObject { ["Name"] = name, ["Type"] = "Fail", ["Arguments"] = new JsonObject { ["ErrorMessage"] = message } }, dependsOn);

    public static JsonObject Condition(string name, JsonObject condition, JsonObject[] ifSteps, JsonObject[] elseSteps) => new()
    {
        ["Name"] = name,
        ["Type"] = "Condition",
        ["Arguments"] = new JsonObject
        {
            ["Conditions"] = new JsonArray(condition),
            ["IfSteps"] = new JsonArray([.. ifSteps]),
            ["ElseSteps"] = new JsonArray([.. elseSteps]),
        },
    };

    public static JsonObject Compare(string type, JsonNode left, JsonNode right) =>
        new() { ["Type"] = type, ["LeftValue"] = left, ["RightValue"] = right };

    public static JsonObject Lambda(string name, string function, JsonObject? arguments = null, (string Name, string Type)[]? outputs = null, params string[] dependsOn) =>
        WithDependsOn(new JsonObject
        {
            ["Name"] = name,
            ["Type"] = "Lambda",
            ["Arguments"] = arguments ?? new JsonObject(),
            ["FunctionArn"] = $"arn:aws:lambda:us-east-1:111122223333:function:{function}",
            ["OutputParameters"] = new JsonArray([.. (outputs ?? []).Select(o => (JsonNode)new JsonObject { ["OutputName"] = o.Name, ["OutputType"] = o.Type })]),
        }, dependsOn);

    public static JsonObject Callback(string name, JsonObject? arguments = null, (string Name, string Type)[]? outputs = null, string queue = "work-queue", params string[] dependsOn) =>
        WithDependsOn(new JsonObject
        {
            ["Name"] = name,
            ["Type"] = "Callback",
            ["Arguments"] = arguments ?? new JsonObject(),
            ["SqsQueueUrl"] = $"https://sqs.us-east-1.amazonaws.com/111122223333/{queue}",
            ["OutputParameters"] = new JsonArray([.. (outputs ?? []).Select(o => (JsonNode)new JsonObject { ["OutputName"] = o.Name, ["OutputType"] = o.Type })]),
        }, dependsOn);

    public static JsonObject WithCache(this JsonObject step, string expireAfter = "PT1H")
    {
        step["CacheConfig"] = new JsonObject { ["Enabled"] = true, ["ExpireAfter"] = expireAfter };
        return step;
    }

    private static JsonObject WithDependsOn(JsonObject step, string[] dependsOn)
    {
        if (dependsOn.Length > 0)
        {
            step["DependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d)]);
        }

        return step;
    }
}
