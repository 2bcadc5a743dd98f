using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

public sealed class GraphCommandTests
{
    [Fact]
    public async Task Graph_Json_ListsNodesAndEdgesWithKinds()
    {
        var result = await CliRunner.RunAsync(["graph", CliRunner.Example, "--format", "json"]);

        result.ExitCode.ShouldBe(0);
        var graph = JsonNode.Parse(result.Out)!;
        graph["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ShouldBe(
            ["PrepareData", "TrainModel", "EvaluateModel", "CheckMse", "RegisterModel", "CreateModel", "BatchTransform", "MseTooHigh"]);
        graph["nodes"]![7]!["type"]!.GetValue<string>().ShouldBe("Fail");
        graph["nodes"]![7]!["parent"]!.GetValue<string>().ShouldBe("CheckMse");
        graph["nodes"]![7]!["branch"]!.GetValue<string>().ShouldBe("else");
        var edges = graph["edges"]!.AsArray().Select(e => $"{e!["from"]}->{e["to"]}:{e["kind"]}").ToList();
        edges.ShouldContain("PrepareData->TrainModel:data");
        edges.ShouldContain("CheckMse->RegisterModel:condition");
        edges.ShouldContain("EvaluateModel->MseTooHigh:data");
    }

    [Fact]
    public async Task Graph_DependsOn_IsADependsOnEdge()
    {
        var path = CliRunner.WriteTemp("""
            {"Version": "2020-12-01", "Steps": [
              {"Name": "A", "Type": "Fail", "Arguments": {"ErrorMessage": "a"}},
              {"Name": "B", "Type": "Fail", "DependsOn": ["A"], "Arguments": {"ErrorMessage": "b"}}]}
            """);

        var result = await CliRunner.RunAsync(["graph", path, "-f", "json"]);

        JsonNode.Parse(result.Out)!["edges"]![0]!.ToJsonString().ShouldBe("""{"from":"A","to":"B","kind":"dependsOn"}""");
    }

    [Fact]
    public async Task Graph_Mermaid_IsAFlowchartWithBranchLabels()
    {
        var result = await CliRunner.RunAsync(["graph", CliRunner.Example]);

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldStartWith("flowchart TD\n");
        result.Out.ShouldContain("n3{\"CheckMse<br/><i>Condition</i>\"}");
        result.Out.ShouldContain("n3 -- if --> n4");
        result.Out.ShouldContain("n3 -- else --> n7");
    }

    [Fact]
    public async Task Graph_Dot_IsADigraph()
    {
        var result = await CliRunner.RunAsync(["graph", CliRunner.Example, "--format", "dot"]);

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldStartWith("digraph pipeline {");
        result.Out.ShouldContain("n3 [label=\"CheckMse\\nCondition\", shape=diamond];");
        result.Out.ShouldContain("n0 -> n1;");
        result.Out.TrimEnd().ShouldEndWith("}");
    }

    [Fact]
    public async Task Graph_Cycle_DrawsItAndExitsOne()
    {
        var path = CliRunner.WriteTemp("""
            {"Version": "2020-12-01", "Steps": [
              {"Name": "A", "Type": "Fail", "DependsOn": ["B"], "Arguments": {}},
              {"Name": "B", "Type": "Fail", "DependsOn": ["A"], "Arguments": {}}]}
            """);

        var result = await CliRunner.RunAsync(["graph", path]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("cycle: A → B → A");
        result.Out.ShouldContain("n1 -.-> n0");
    }

    [Fact]
    public async Task Graph_UnknownFormat_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["graph", CliRunner.Example, "--format", "svg"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("svg");
    }

    [Fact]
    public async Task Graph_NotJson_ExitsOneWithTheError()
    {
        var result = await CliRunner.RunAsync(["graph", CliRunner.WriteTemp("nope")]);

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldContain("SLU001");
    }
}
