using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Sluice.Core.Execution;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;
using Sluice.Core.Steps;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using Sluice.Definitions;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>Script-mode Transform steps: the SageMaker inference toolkits' handler chain over batch input files, in the sandbox.</summary>
public sealed class TransformStepTests
{
    private const string Image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";

    /// <summary>model_fn and predict_fn from the script, the default input_fn (CSV rows of floats); each row carries its batch's size.</summary>
    private const string Inference = """
        import json, os

        def model_fn(model_dir):
            return json.load(open(os.path.join(model_dir, 'model.json')))

        def predict_fn(rows, model):
            return [[value * model['slope'] for value in row] + [len(rows)] for row in rows]

        def output_fn(prediction, accept):
            assert accept == 'text/csv', accept
            return '\n'.join(','.join(str(value) for value in row) for row in prediction)
        """;

    /// <summary>Only model_fn: the model object has predict, and the defaults do the rest.</summary>
    private const string ModelFnOnly = """
        import json, os

        class Scaler:
            def __init__(self, slope):
                self.slope = slope

            def predict(self, rows):
                return [[value * self.slope for value in row] for row in rows]

        def model_fn(model_dir):
            return Scaler(json.load(open(os.path.join(model_dir, 'model.json')))['slope'])
        """;

    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Run_ModelThenTransform_WritesOutFilesAndExposesTheOutputPath()
    {
        await using var harness = await CreateHarnessAsync();
        Setup(harness, Inference);
        var report = Fail("Report", Join(" ", "scores at", Get("Steps.Score.TransformOutput.S3OutputPath")));

        var execution = await harness.RunAsync(Definition(Model("Create"), Transform("Score"), report));

        execution.Status.ShouldBe(ExecutionStatus.Failed, "the Fail step reports the output path");
        var outputPath = $"s3://bucket/scores/{execution.ExecutionId}";
        execution.FailureReason.ShouldBe($"scores at {outputPath}");
        Read(harness, $"{outputPath}/a.csv.out").ShouldBe("2.0,3\n4.0,3\n6.0,3\n");
        Read(harness, $"{outputPath}/nested/b.csv.out").ShouldBe("20.0,1\n");
        var score = (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Score");
        var properties = JsonNode.Parse(score.PropertiesJson!)!;
        properties["TransformJobStatus"]!.GetValue<string>().ShouldBe("Completed");
        properties["TransformJobName"]!.GetValue<string>().ShouldBe($"pipelines-{execution.ExecutionId}-Score");
        properties["ModelName"]!.GetValue<string>().ShouldBe($"pipelines-{execution.ExecutionId}-Create");
        properties["TransformJobArn"]!.GetValue<string>().ShouldEndWith($":transform-job/pipelines-{execution.ExecutionId.ToLowerInvariant()}-score");
        score.MetadataJson.ShouldNotBeNull().ShouldContain("\"TransformJob\": {\"Arn\": \"arn:aws:sagemaker:");
        File.ReadAllText(Path.Combine(harness.DataDirectory, "logs", execution.ExecutionId, "Score.log")).ShouldContain("a.csv: 1 request(s) -> a.csv.out");
    }

    [Theory]
    [InlineData("Line", "MultiRecord", "Line", "2.0,3\n4.0,3\n6.0,3\n")]
    [InlineData("Line", "SingleRecord", "Line", "2.0,1\n4.0,1\n6.0,1\n")]
    [InlineData("Line", "SingleRecord", "None", "2.0,14.0,16.0,1")]
    [InlineData("None", "MultiRecord", "None", "2.0,3\n4.0,3\n6.0,3")]
    public async Task Run_SplitBatchAndAssemble_ShapeRequestsAndOutputs(string split, string strategy, string assemble, string expected)
    {
        await using var harness = await CreateHarnessAsync();
        Setup(harness, Inference);
        var transform = Transform("Score", split: split, strategy: strategy, assemble: assemble);

        var execution = await harness.RunAsync(Definition(Model("Create"), transform));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        Read(harness, $"s3://bucket/scores/{execution.ExecutionId}/a.csv.out").ShouldBe(expected);
    }

    [Theory]
    [InlineData("text/csv", "1,2\n3,4\n", "2.0,4.0\n6.0,8.0\n")]
    [InlineData("application/json", "[[1, 2], [3, 4]]", "[[2, 4], [6, 8]]")]
    public async Task Run_OnlyModelFn_UsesTheToolkitDefaults(string contentType, string input, string expected)
    {
        await using var harness = await CreateHarnessAsync();
        Setup(harness, ModelFnOnly);
        harness.Put("s3://bucket/batch/in/a.csv", input);
        File.Delete(harness.Engine.Objects.PathOf("s3://bucket/batch/in/nested/b.csv"));
        var transform = Transform("Score", contentType: contentType, split: null, strategy: null, assemble: null);

        var execution = await harness.RunAsync(Definition(Model("Create"), transform));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        Read(harness, $"s3://bucket/scores/{execution.ExecutionId}/a.csv.out").ShouldBe(expected);
    }

    [Fact]
    public async Task Run_CodeInsideTheModelArchive_IsFoundAtOptMlModelCode()
    {
        await using var harness = await CreateHarnessAsync();
        Setup(harness, Inference);
        harness.PackTarGz("s3://bucket/model/model.tar.gz", ("model.json", "{\"slope\": 3}"), ("code/inference.py", Inference));
        var model = Model("Create", new JsonObject { ["SAGEMAKER_PROGRAM"] = "inference.py", ["SAGEMAKER_SUBMIT_DIRECTORY"] = "/opt/ml/model/code" });

        var execution = await harness.RunAsync(Definition(model, Transform("Score")));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        Read(harness, $"s3://bucket/scores/{execution.ExecutionId}/nested/b.csv.out").ShouldBe("30.0,1\n");
    }

    [Fact]
    public async Task Run_UnknownModel_FailsWithAClientError()
    {
        await using var harness = await CreateHarnessAsync();

        var execution = await harness.RunAsync(Definition(Transform("Score", model: "missing-model")));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldBe(
            "ClientError: model 'missing-model' does not exist; create it with a Model step first");
    }

    [Fact]
    public async Task Run_ModelWithoutSageMakerProgram_SaysScriptModeIsNeeded()
    {
        await using var harness = await CreateHarnessAsync();

        var execution = await harness.RunAsync(Definition(Model("Create", new JsonObject()), Transform("Score")));

        (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Score").FailureReason.ShouldNotBeNull().ShouldStartWith(
            $"image '{Image}' has no command to run on this machine: transform in script mode");
    }

    [Theory]
    [InlineData("def model_fn(d):\n    return 1\n\ndef predict_fn(rows, model):\n    raise ValueError('negative values are not allowed')\n",
        "ValueError: negative values are not allowed (transforming a.csv)")]
    [InlineData("def predict_fn(rows, model):\n    return rows\n",
        "NotImplementedError: model_fn is required: define model_fn(model_dir) in the inference script to load the model from /opt/ml/model (loading the model)")]
    [InlineData("def model_fn(d):\n    return object()\n",
        "TypeError: the model (object) has no predict method: define predict_fn(input_object, model) (transforming a.csv)")]
    [InlineData("import not_installed_module\n", "ModuleNotFoundError: No module named 'not_installed_module' (importing inference.py)",
        "; the job's Python, 'python3' as the job's PATH (the one Sluice was started with) finds it, has no module 'not_installed_module': "
        + "install it for that interpreter (for Debian's /usr/bin/python3, apt-get install python3-not_installed_module), or start Sluice with a PATH "
        + "whose first python3 has it, e.g. PATH=/usr/bin:$PATH; or name an interpreter that has it with python: in sluice.yaml, which script-mode Training "
        + "steps and Processing entrypoints starting with python3 use")]
    public async Task Run_ScriptError_IsAnAlgorithmErrorNamingTheException(string script, string message, string hint = "")
    {
        await using var harness = await CreateHarnessAsync();
        Setup(harness, script);

        var execution = await harness.RunAsync(Definition(Model("Create"), Transform("Score")));

        (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Score").FailureReason.ShouldBe($"AlgorithmError: {message} (exit code 1){hint}");
        File.ReadAllText(Path.Combine(harness.DataDirectory, "logs", execution.ExecutionId, "Score.log")).ShouldContain("Traceback (most recent call last)");
        Directory.Exists(harness.Engine.Objects.PathOf("s3://bucket/scores")).ShouldBeFalse("nothing is uploaded when the job fails");
    }

    [Fact]
    public async Task Run_RecordLargerThanMaxPayload_FailsTheJob()
    {
        await using var harness = await CreateHarnessAsync();
        Setup(harness, Inference);
        harness.Put("s3://bucket/batch/in/a.csv", "1\n" + new string('9', 1_100_000) + "\n");
        var transform = Transform("Score");
        transform["Arguments"]!["MaxPayloadInMB"] = 1;

        var execution = await harness.RunAsync(Definition(Model("Create"), transform));

        (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Score").FailureReason.ShouldBe(
            "AlgorithmError: ValueError: a record of 1100000 bytes is larger than MaxPayloadInMB (1 MB) (transforming a.csv) (exit code 1)");
    }

    [Theory]
    [InlineData("TransformInput", "SplitType", "RecordIO", "ClientError: SplitType 'RecordIO' is not supported on this machine (supported: None, Line)")]
    [InlineData("DataProcessing", "JoinSource", "Input", "ClientError: DataProcessing.JoinSource 'Input' is not supported on this machine (supported: None)")]
    [InlineData("TransformOutput", "S3OutputPath", "https://example.com/out", "ClientError: 'https://example.com/out' is not an s3:// URI")]
    public async Task Run_UnsupportedSetting_FailsBeforeTheJobStarts(string parent, string member, string value, string message)
    {
        await using var harness = await CreateHarnessAsync();
        Setup(harness, Inference);
        var transform = Transform("Score");
        var arguments = transform["Arguments"]!.AsObject();
        if (arguments[parent] is null)
        {
            arguments[parent] = new JsonObject();
        }

        arguments[parent]![member] = value;

        var execution = await harness.RunAsync(Definition(Model("Create"), transform));

        (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Score").FailureReason.ShouldNotBeNull().ShouldStartWith(message);
    }

    [Fact]
    public async Task Stop_RunningTransform_EndsStopped()
    {
        await using var harness = await CreateHarnessAsync();
        Setup(harness, "import time\n\ndef model_fn(d):\n    time.sleep(60)\n");
        var execution = await harness.StartAsync(Definition(Model("Create"), Transform("Score")));
        await harness.UntilStepsAsync(execution.Arn, steps => steps.Any(s => s.StepName == "Score" && s.Status == StepStatus.Executing));

        await harness.Engine.StopExecutionAsync(execution.Arn, TestContext.Current.CancellationToken);
        var final = await harness.WaitAsync(execution.Arn);

        final.Status.ShouldBe(ExecutionStatus.Stopped);
        (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Score").Status.ShouldBe(StepStatus.Stopped);
    }

    private static Task<EngineHarness> CreateHarnessAsync()
    {
        var registry = StepRunnerRegistry.CreateDefault(Http);
        registry.Register(StepType.Transform, new TransformStepRunner(new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(10))));
        return EngineHarness.CreateAsync(runners: registry);
    }

    /// <summary>The model ({"slope": 2}), the code (inference.py) and two input files, one in a sub-folder.</summary>
    private static void Setup(EngineHarness harness, string script)
    {
        harness.PackTarGz("s3://bucket/model/model.tar.gz", ("model.json", "{\"slope\": 2}"));
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz", ("inference.py", script));
        harness.Put("s3://bucket/batch/in/a.csv", "1\n2\n3\n");
        harness.Put("s3://bucket/batch/in/nested/b.csv", "10\n");
    }

    private static JsonObject Model(string name, JsonObject? environment = null) => new()
    {
        ["Name"] = name,
        ["Type"] = "Model",
        ["Arguments"] = new JsonObject
        {
            ["ExecutionRoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole",
            ["PrimaryContainer"] = new JsonObject
            {
                ["Image"] = Image,
                ["ModelDataUrl"] = "s3://bucket/model/model.tar.gz",
                ["Environment"] = environment ?? new JsonObject
                {
                    ["SAGEMAKER_PROGRAM"] = "inference.py",
                    ["SAGEMAKER_SUBMIT_DIRECTORY"] = "s3://bucket/code/sourcedir.tar.gz",
                    ["SAGEMAKER_CONTAINER_LOG_LEVEL"] = "20",
                    ["SAGEMAKER_REGION"] = "us-east-1",
                },
            },
        },
    };

    private static JsonObject Transform(
        string name,
        string? model = null,
        string contentType = "text/csv",
        string? split = "Line",
        string? strategy = "MultiRecord",
        string? assemble = "Line")
    {
        var input = new JsonObject
        {
            ["DataSource"] = new JsonObject { ["S3DataSource"] = new JsonObject { ["S3DataType"] = "S3Prefix", ["S3Uri"] = "s3://bucket/batch/in" } },
            ["ContentType"] = contentType,
        };
        var output = new JsonObject { ["S3OutputPath"] = Join("/", "s3://bucket/scores", Get("Execution.PipelineExecutionId")) };
        var arguments = new JsonObject
        {
            ["ModelName"] = model is null ? Get("Steps.Create.ModelName") : model,
            ["TransformInput"] = input,
            ["TransformOutput"] = output,
            ["TransformResources"] = new JsonObject { ["InstanceCount"] = 1, ["InstanceType"] = "ml.m5.xlarge" },
        };
        if (split is not null)
        {
            input["SplitType"] = split;
        }

        if (strategy is not null)
        {
            arguments["BatchStrategy"] = strategy;
        }

        if (assemble is not null)
        {
            output["AssembleWith"] = assemble;
        }

        return new JsonObject { ["Name"] = name, ["Type"] = "Transform", ["Arguments"] = arguments };
    }

    private static string Read(EngineHarness harness, string uri) => File.ReadAllText(harness.Engine.Objects.PathOf(uri));
}
