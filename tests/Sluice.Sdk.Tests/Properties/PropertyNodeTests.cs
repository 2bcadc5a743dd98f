using System.Reflection;
using System.Text.Json.Nodes;
using Sluice.Sdk.Models;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;
using Sluice.Sdk.Training;
using Sluice.Sdk.Transform;

namespace Sluice.Sdk.Tests.Properties;

public sealed class PropertyNodeTests
{
    private static readonly Estimator Estimator = new() { ImageUri = "image", Role = Fixture.Role, InstanceType = "ml.m5.large", OutputPath = "s3://b/m" };

    [Fact]
    public void Properties_IssueExamples_RenderThePythonSdkPaths()
    {
        var prep = new ProcessingStep("prep", new Processor { ImageUri = "image", Role = Fixture.Role, InstanceType = "ml.m5.large" });
        var train = new TrainingStep("train", Estimator);
        var tune = new TuningStep("tune", new HyperparameterTuner(Estimator, "m", new Dictionary<string, ParameterRange>()));
        var callback = new CallbackStep("callback", "https://sqs.us-east-1.amazonaws.com/111122223333/q");

        Get(train.Properties.ModelArtifacts.S3ModelArtifacts).ShouldBe("Steps.train.ModelArtifacts.S3ModelArtifacts");
        Get(prep.Properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri).ShouldBe("Steps.prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri");
        Get(tune.Properties.TrainingJobSummaries[0].TrainingJobName).ShouldBe("Steps.tune.TrainingJobSummaries[0].TrainingJobName");
        Get(callback.Properties.OutputParameters["job_status"]).ShouldBe("Steps.callback.OutputParameters['job_status']");
        Get(train.Properties.FinalMetricDataList["validation:mse"].Value).ShouldBe("Steps.train.FinalMetricDataList['validation:mse'].Value");
        Get(train.Properties.HyperParameters["max_depth"]).ShouldBe("Steps.train.HyperParameters['max_depth']");
        Get(train.Properties.AlgorithmSpecification.ContainerEntrypoint[1]).ShouldBe("Steps.train.AlgorithmSpecification.ContainerEntrypoint[1]");
        Get(new ConditionStep("check").Properties.Outcome).ShouldBe("Steps.check.Outcome");
        Get(train.Properties).ShouldBe("Steps.train");
    }

    [Fact]
    public void Properties_EveryGeneratedMember_IsAPathTheValidatorKnows()
    {
        var model = new Model { ImageUri = "image", Role = Fixture.Role };
        Step[] steps =
        [
            new ProcessingStep("P", new Processor { ImageUri = "image", Role = Fixture.Role, InstanceType = "ml.m5.large" }),
            new TrainingStep("T", Estimator),
            new TransformStep("X", new Transformer { ModelName = "m", InstanceType = "ml.m5.large", OutputPath = "s3://b/o" }, new TransformInput("s3://b/i")),
            new TuningStep("U", new HyperparameterTuner(Estimator, "m", new Dictionary<string, ParameterRange>())),
            new CreateModelStep("M", model),
            new RegisterModelStep("R") { ModelPackageGroupName = "g", Models = { model } },
        ];
        var inputs = new OrderedDictionary<string, Sluice.Sdk.Expressions.PipelineValue>();
        foreach (var step in steps)
        {
            var root = (PropertyNode)step.GetType().GetProperty("Properties")!.GetValue(step)!;
            foreach (var node in Walk(root, depth: 3))
            {
                inputs[$"p{inputs.Count}"] = node;
            }
        }

        var pipeline = new Pipeline("AllProperties") { Steps = [.. steps, new LambdaStep("Read", "arn:aws:lambda:us-east-1:111122223333:function:f") { Inputs = inputs }] };

        inputs.Count.ShouldBeGreaterThan(500);
        pipeline.Validate().Where(d => d.MemberPath.StartsWith("Arguments.p", StringComparison.Ordinal)).Select(d => d.ToString()).ShouldBeEmpty();
    }

    [Fact]
    public void Properties_ReadByAnotherStep_MakeTheirStepADependency()
    {
        var train = new TrainingStep("train", Estimator);
        var fail = new FailStep("fail", train.Properties.TrainingJobName);

        var steps = JsonNode.Parse(new Pipeline("deps") { Steps = { fail } }.ToDefinitionJson())!["Steps"]!.AsArray();

        steps.Select(s => s!["Name"]!.GetValue<string>()).ShouldBe(["fail", "train"]);
    }

    private static string Get(PropertyNode node) => node.ToExpression()["Get"]!.GetValue<string>();

    /// <summary>Every node below a structure, lists and maps entered with [0] and ['key'].</summary>
    private static IEnumerable<PropertyNode> Walk(PropertyNode node, int depth)
    {
        if (depth == 0)
        {
            yield break;
        }

        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && typeof(PropertyNode).IsAssignableFrom(p.PropertyType)))
        {
            var child = (PropertyNode)property.GetValue(node)!;
            yield return child;
            var item = Item(child);
            if (item is not null)
            {
                yield return item;
                foreach (var below in Walk(item, depth - 1))
                {
                    yield return below;
                }
            }
            else
            {
                foreach (var below in Walk(child, depth - 1))
                {
                    yield return below;
                }
            }
        }
    }

    private static PropertyNode? Item(PropertyNode node)
    {
        var indexer = node.GetType().GetProperties().FirstOrDefault(p => p.GetIndexParameters() is [{ } index] && index.ParameterType == typeof(int))
            ?? node.GetType().GetProperties().FirstOrDefault(p => p.GetIndexParameters() is [{ } key] && key.ParameterType == typeof(string));
        if (indexer is null)
        {
            return null;
        }

        object index = indexer.GetIndexParameters()[0].ParameterType == typeof(int) ? 0 : "key";
        return (PropertyNode)indexer.GetValue(node, [index])!;
    }
}
