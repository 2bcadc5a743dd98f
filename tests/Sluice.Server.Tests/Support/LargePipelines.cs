using System.Text.Json.Nodes;

namespace Sluice.Server.Tests.Support;

/// <summary>Large pipelines of Condition steps (no processes): <c>columns</c> columns, each step waiting for one of the column before.</summary>
internal static class LargePipelines
{
    public static string Grid(int steps, int columns)
    {
        var perColumn = steps / columns;
        var list = new JsonArray();
        for (var i = 0; i < steps; i++)
        {
            var step = new JsonObject
            {
                ["Name"] = $"S{i:D5}",
                ["Type"] = "Condition",
                ["Arguments"] = new JsonObject
                {
                    ["Conditions"] = new JsonArray(new JsonObject { ["Type"] = "Equals", ["LeftValue"] = 1, ["RightValue"] = 1 }),
                    ["IfSteps"] = new JsonArray(),
                    ["ElseSteps"] = new JsonArray(),
                },
            };
            if (i >= perColumn)
            {
                step["DependsOn"] = new JsonArray($"S{i - perColumn:D5}");
            }

            list.Add(step);
        }

        return new JsonObject { ["Version"] = "2020-12-01", ["Metadata"] = new JsonObject(), ["Parameters"] = new JsonArray(), ["Steps"] = list }.ToJsonString();
    }
}
