using System.Text.Json.Nodes;

namespace Sluice.Concourse.Tests.Support;

/// <summary>Pipeline definitions whose steps run inside the engine: no process, so executions end at once or when a test says.</summary>
internal static class SamplePipelines
{
    /// <summary>One Condition step over a Threshold parameter; succeeds at once.</summary>
    public static string Instant() => Definition(
        [Parameter("Threshold", "Integer", 5), Parameter("Mode", "String", "fast")],
        Condition("CheckThreshold", "GreaterThanOrEqualTo", "Parameters.Threshold", 0));

    /// <summary>A Fail step whose message names the threshold; fails at once.</summary>
    public static string Failing() => Definition(
        [Parameter("Threshold", "Integer", 5)],
        new JsonObject
        {
            ["Name"] = "Reject",
            ["Type"] = "Fail",
            ["Arguments"] = new JsonObject
            {
                ["ErrorMessage"] = new JsonObject
                {
                    ["Std:Join"] = new JsonObject { ["On"] = " ", ["Values"] = new JsonArray("threshold", new JsonObject { ["Get"] = "Parameters.Threshold" }, "is too high") },
                },
            },
        });

    /// <summary>A Callback step named Gate, then a Condition step: the execution runs until the test answers the callback.</summary>
    public static string Gated() => Definition(
        [Parameter("Threshold", "Integer", 5)],
        new JsonObject
        {
            ["Name"] = "Gate",
            ["Type"] = "Callback",
            ["Arguments"] = new JsonObject(),
            ["SqsQueueUrl"] = "https://sqs.us-east-1.amazonaws.com/111122223333/gate",
            ["OutputParameters"] = new JsonArray(),
        },
        Condition("AfterGate", "GreaterThanOrEqualTo", "Parameters.Threshold", 0, dependsOn: "Gate"));

    private static string Definition(JsonObject[] parameters, params JsonObject[] steps) => new JsonObject
    {
        ["Version"] = "2020-12-01",
        ["Metadata"] = new JsonObject(),
        ["Parameters"] = new JsonArray([.. parameters]),
        ["Steps"] = new JsonArray([.. steps]),
    }.ToJsonString();

    private static JsonObject Parameter(string name, string type, JsonNode defaultValue) =>
        new() { ["Name"] = name, ["Type"] = type, ["DefaultValue"] = defaultValue };

    private static JsonObject Condition(string name, string comparison, string parameter, int right, string? dependsOn = null)
    {
        var step = new JsonObject
        {
            ["Name"] = name,
            ["Type"] = "Condition",
            ["Arguments"] = new JsonObject
            {
                ["Conditions"] = new JsonArray(new JsonObject { ["Type"] = comparison, ["LeftValue"] = new JsonObject { ["Get"] = parameter }, ["RightValue"] = right }),
                ["IfSteps"] = new JsonArray(),
                ["ElseSteps"] = new JsonArray(),
            },
        };
        if (dependsOn is not null)
        {
            step["DependsOn"] = new JsonArray(dependsOn);
        }

        return step;
    }
}
