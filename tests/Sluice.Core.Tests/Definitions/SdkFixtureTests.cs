using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Graph;
using Sluice.Definitions.Validation;

using Sluice.Core.Tests.Support;

namespace Sluice.Definitions.Tests;

/// <summary>
/// Pipeline definitions laid out exactly as the SageMaker Python SDK (v2.257.6) writes them: one line of
/// <c>json.dumps</c> output per construct, under Fixtures/sdk. Each must validate, round-trip byte for byte, and
/// read into the model with the facts its family is about.
/// </summary>
public sealed class SdkFixtureTests
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk");

    private static readonly string[] ExpectedFixtures =
    [
        "abalone.json", "automl.json", "cache_retry.json", "callback.json", "clarify_check.json", "condition_all_types.json",
        "emr.json", "execution_variables.json", "experiment_config_null.json", "fail.json", "functions.json", "lambda.json",
        "model.json", "parameters.json", "processing.json", "quality_check.json", "register_model.json", "training.json",
        "transform.json", "tuning.json",
    ];

    public static TheoryData<string> Fixtures
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.EnumerateFiles(FixtureDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }
    }

    [Fact]
    public void Fixtures_OutputDirectory_HoldsEveryConstruct()
    {
        var found = Directory.EnumerateFiles(FixtureDirectory, "*.json").Select(f => Path.GetFileName(f)).ToList();

        ExpectedFixtures.ShouldBeSubsetOf(found);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_File_IsOneLineOfPythonJsonDumps(string fixture)
    {
        var text = Text(fixture);

        text.ShouldNotContain('\n');
        text.ShouldStartWith("{\"Version\": \"2020-12-01\", \"Metadata\": {}, \"Parameters\": [");
        text.ShouldContain("\"Steps\": [");
        text.All(c => c is >= ' ' and <= '~').ShouldBeTrue("json.dumps escapes everything outside printable ASCII");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Validate_SdkFixture_HasNoErrors(string fixture)
    {
        var result = DefinitionValidator.Validate(Text(fixture));

        result.IsValid.ShouldBeTrue(string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Write_SdkFixture_ReproducesTheSdkBytes(string fixture)
    {
        var text = Text(fixture);

        DefinitionWriter.Write(DefinitionReader.Read(text).Definition!, DefinitionFormat.Sdk).ShouldBe(text);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Write_IndentedThenSdk_IsStable(string fixture)
    {
        var text = Text(fixture);
        var indented = DefinitionWriter.Write(DefinitionReader.Read(text).Definition!, DefinitionFormat.Indented);

        indented.ShouldContain('\n');
        DefinitionWriter.Write(DefinitionReader.Read(indented).Definition!, DefinitionFormat.Sdk).ShouldBe(text);
    }

    [Fact]
    public void Read_ProcessingFixture_KeepsPropertyFilesCacheAndNonAsciiText()
    {
        var definition = Load("processing.json");
        var prep = Step(definition, "Prep");

        prep.Type.ShouldBe(StepType.Processing);
        prep.DisplayName.ShouldBe("Prepare churn data");
        prep.Description.ShouldBe("Splits the churn extract into train/validation/test \u2014 d\u00e9j\u00e0 vu \U0001F680");
        prep.CacheConfig.ShouldBe(new CacheConfig(true, TimeSpan.FromHours(1)));
        prep.PropertyFiles.ShouldBe([new PropertyFileDefinition("SplitStatistics", "statistics", "split_stats.json")]);
        Names(prep.Arguments.Node()!["ProcessingOutputConfig"]!["Outputs"], "OutputName").ShouldBe(["train", "validation", "test", "statistics"]);
        Text("processing.json").ShouldContain("d\\u00e9j\\u00e0 vu \\ud83d\\ude80");

        var features = Step(definition, "FeatureEngineering");
        Names(features.Arguments.Node()!["ProcessingInputs"], "InputName").ShouldBe(["train", "validation", "code", "entrypoint"]);
        StepReferences(features).ShouldBe([
            "Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri",
            "Steps.Prep.ProcessingOutputConfig.Outputs['validation'].S3Output.S3Uri",
        ]);
        Edges(definition).ShouldBe(["Prep -> FeatureEngineering (Data)"], ignoreOrder: true);
    }

    [Fact]
    public void Read_TrainingFixture_KeepsScriptModeHyperparametersChannelsAndMetrics()
    {
        var definition = Load("training.json");
        var train = Step(definition, "Train");
        var arguments = train.Arguments.Node()!;
        var hyperparameters = arguments["HyperParameters"]!.AsObject();

        train.Type.ShouldBe(StepType.Training);
        hyperparameters["sagemaker_program"]!.GetValue<string>().ShouldBe("\"train.py\"");
        hyperparameters["sagemaker_submit_directory"]!.GetValue<string>().ShouldStartWith("\"s3://");
        hyperparameters["sagemaker_submit_directory"]!.GetValue<string>().ShouldEndWith("/sourcedir.tar.gz\"");
        hyperparameters["n_estimators"]!.GetValue<string>().ShouldBe("200");
        Names(arguments["InputDataConfig"], "ChannelName").ShouldBe(["train", "validation"]);
        Names(arguments["AlgorithmSpecification"]!["MetricDefinitions"], "Name").ShouldBe(["train:mse", "validation:mse"]);
        arguments["AlgorithmSpecification"]!["MetricDefinitions"]![1]!["Regex"]!.GetValue<string>().ShouldBe("validation_mse=([0-9\\.]+);");
        train.CacheConfig.ShouldBe(new CacheConfig(true, TimeSpan.FromDays(30)));

        var maxDepth = train.Expressions.Single(s => s.MemberPath == "Arguments.HyperParameters.max_depth").Expression;
        var join = maxDepth.ShouldBeOfType<JoinExpression>();
        join.On.ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>().ShouldBe(string.Empty);
        join.Values.ShouldHaveSingleItem().ShouldBeOfType<GetExpression>()
            .Reference.ShouldBeOfType<ParameterReference>().Name.ShouldBe("MaxDepth");

        var check = Step(definition, "CheckMse");
        var condition = check.Conditions.ShouldHaveSingleItem().ShouldBeOfType<ComparisonCondition>();
        condition.Operator.ShouldBe(ComparisonOperator.LessThanOrEqualTo);
        condition.Left.References().Select(r => r.Text).ShouldBe(["Steps.Train.FinalMetricDataList['validation:mse'].Value"]);
        Edges(definition).ShouldBe([
            "Prep -> Train (Data)",
            "Train -> CheckMse (Data)",
            "CheckMse -> MseTooHigh (Condition)",
            "Train -> MseTooHigh (Data)",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Read_TransformFixture_ChainsTrainModelTransformAndConsumer()
    {
        var definition = Load("transform.json");
        var score = Step(definition, "Score");
        var arguments = score.Arguments.Node()!;

        score.Type.ShouldBe(StepType.Transform);
        arguments["TransformInput"]!["SplitType"]!.GetValue<string>().ShouldBe("Line");
        arguments["TransformOutput"]!["AssembleWith"]!.GetValue<string>().ShouldBe("Line");
        arguments["DataProcessing"]!["JoinSource"]!.GetValue<string>().ShouldBe("Input");
        score.RetryPolicies.ShouldHaveSingleItem().ExceptionTypes.ShouldBe(["SageMaker.CAPACITY_ERROR"]);
        score.CacheConfig!.ExpireAfter.ShouldBe(TimeSpan.FromHours(6));
        Edges(definition).ShouldBe([
            "Train -> ScoringModel-CreateModel (Data)",
            "ScoringModel-CreateModel -> Score (Data)",
            "Score -> SummarizeScores (Data)",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Read_TuningFixture_ReadsSummariesAndTheTopModelPath()
    {
        var definition = Load("tuning.json");
        var tune = Step(definition, "Tune");
        var config = tune.Arguments.Node()!["HyperParameterTuningJobConfig"]!;

        tune.Type.ShouldBe(StepType.Tuning);
        config["HyperParameterTuningJobObjective"]!["MetricName"]!.GetValue<string>().ShouldBe("validation:rmse");
        Names(config["ParameterRanges"]!["ContinuousParameterRanges"], "Name").ShouldBe(["eta", "subsample"]);
        Names(config["ParameterRanges"]!["IntegerParameterRanges"], "Name").ShouldBe(["max_depth"]);
        Names(config["ParameterRanges"]!["CategoricalParameterRanges"], "Name").ShouldBe(["tree_method"]);
        tune.Arguments.Node()!["TrainingJobDefinition"]!["StaticHyperParameters"]!["num_round"]!.GetValue<string>().ShouldBe("200");

        var modelData = Step(definition, "BestModel-CreateModel").Expressions
            .Single(s => s.MemberPath == "Arguments.PrimaryContainer.ModelDataUrl").Expression.ShouldBeOfType<JoinExpression>();
        modelData.Values.Count.ShouldBe(5);
        modelData.Values[3].ShouldBeOfType<GetExpression>().Reference.Text.ShouldBe("Steps.Tune.TrainingJobSummaries[0].TrainingJobName");
        modelData.Values[4].ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>().ShouldBe("output/model.tar.gz");

        StepReferences(Step(definition, "RecordBestJob")).ShouldBe([
            "Steps.Tune.TrainingJobSummaries[0].TrainingJobName",
            "Steps.Tune.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value",
            "Steps.Tune.HyperParameterTuningJobName",
            "Steps.BestModel-CreateModel.ModelName",
        ]);
        Edges(definition).ShouldBe([
            "Tune -> BestModel-CreateModel (Data)",
            "Tune -> RecordBestJob (Data)",
            "BestModel-CreateModel -> RecordBestJob (Data)",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Read_ModelFixture_ReadsPrimaryContainerAndPipelineModel()
    {
        var definition = Load("model.json");
        var xgb = Step(definition, "XgbModel-CreateModel");
        var pipelineModel = Step(definition, "InferencePipeline-CreateModel");

        xgb.Type.ShouldBe(StepType.Model);
        xgb.Arguments.Node()!["PrimaryContainer"]!["Image"]!.GetValue<string>().ShouldEndWith("/sagemaker-xgboost:1.7-1");
        xgb.RetryPolicies.ShouldHaveSingleItem().MaxAttempts.ShouldBe(5);
        pipelineModel.Type.ShouldBe(StepType.Model);
        pipelineModel.Arguments.Node()!["Containers"]!.AsArray().Count.ShouldBe(2);
        pipelineModel.Arguments.Node()!["Containers"]![0]!["Environment"]!["SAGEMAKER_SPARKML_SCHEMA"]!.GetValue<string>()
            .ShouldStartWith("{\"input\": [");
        StepReferences(Step(definition, "PublishModels")).ShouldBe([
            "Steps.XgbModel-CreateModel.ModelArn",
            "Steps.InferencePipeline-CreateModel.ModelName",
        ]);
    }

    [Fact]
    public void Read_RegisterModelFixture_ReadsModelPackageRequest()
    {
        var definition = Load("register_model.json");
        var register = Step(definition, "RegisterChurnModel-RegisterModel");
        var arguments = register.Arguments.Node()!;

        register.Type.ShouldBe(StepType.RegisterModel);
        arguments["ModelPackageGroupName"]!.GetValue<string>().ShouldBe("ChurnModelPackageGroup");
        arguments["InferenceSpecification"]!["SupportedContentTypes"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["text/csv"]);
        arguments["ModelMetrics"]!["Bias"]!.AsObject().Count.ShouldBe(0);
        arguments["SkipModelValidation"]!.GetValue<string>().ShouldBe("None");
        register.Expressions.Single(s => s.MemberPath == "Arguments.ModelApprovalStatus").Expression
            .ShouldBeOfType<GetExpression>().Reference.ShouldBeOfType<ParameterReference>().Name.ShouldBe("ModelApprovalStatus");
        register.Expressions.Single(s => s.MemberPath == "Arguments.ModelMetrics.ModelQuality.Statistics.S3Uri").Expression
            .ShouldBeOfType<JoinExpression>().Values[0].References().Single().Text
            .ShouldBe("Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri");
        register.RetryPolicies.ShouldHaveSingleItem().ExceptionTypes.ShouldBe(["Step.THROTTLING"]);
        Edges(definition).ShouldContain("RegisterChurnModel-RegisterModel -> NotifyApprovers (Data)");
        Edges(definition).ShouldContain("Evaluate -> NotifyApprovers (Data)");
    }

    [Fact]
    public void Read_ConditionFixture_ParsesEveryConditionTypeAndNestedBranches()
    {
        var definition = Load("condition_all_types.json");
        var gate = Step(definition, "QualityGate");

        gate.Conditions.Count.ShouldBe(8);
        gate.Conditions.Take(5).Select(c => c.ShouldBeOfType<ComparisonCondition>().Operator).ShouldBe([
            ComparisonOperator.Equals,
            ComparisonOperator.GreaterThan,
            ComparisonOperator.GreaterThanOrEqualTo,
            ComparisonOperator.LessThan,
            ComparisonOperator.LessThanOrEqualTo,
        ]);
        var inCondition = gate.Conditions[5].ShouldBeOfType<InCondition>();
        inCondition.Query.References().Single().Text.ShouldBe("Parameters.DeployStage");
        inCondition.Values.Select(v => v.ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>()).ShouldBe(["beta", "gamma", "prod"]);
        gate.Conditions[6].ShouldBeOfType<NotCondition>().Inner.ShouldBeOfType<InCondition>();
        var or = gate.Conditions[7].ShouldBeOfType<OrCondition>();
        or.Conditions.Count.ShouldBe(2);
        or.Conditions[0].ShouldBeOfType<ComparisonCondition>().Left.ShouldBeOfType<JsonGetExpression>();
        or.Conditions[1].ShouldBeOfType<ComparisonCondition>().Right.ShouldBeOfType<LiteralExpression>()
            .Value.Node()!.GetValue<bool>().ShouldBeTrue();

        definition.Steps.Select(s => s.Name).ShouldBe(["Train", "Evaluate", "QualityGate"]);
        definition.AllSteps.Select(s => s.Name).ShouldBe([
            "Train", "Evaluate", "QualityGate", "GateModel-RegisterModel", "IsProduction", "DeployToProduction", "QualityGateFailed",
        ]);
        gate.IfSteps.Select(s => s.Name).ShouldBe(["GateModel-RegisterModel", "IsProduction"]);
        gate.ElseSteps.Select(s => s.Name).ShouldBe(["QualityGateFailed"]);
        ShouldBeNested(definition, "GateModel-RegisterModel", "QualityGate", ConditionBranch.If);
        ShouldBeNested(definition, "IsProduction", "QualityGate", ConditionBranch.If);
        ShouldBeNested(definition, "QualityGateFailed", "QualityGate", ConditionBranch.Else);
        ShouldBeNested(definition, "DeployToProduction", "IsProduction", ConditionBranch.If);
        Step(definition, "DeployToProduction").Path.ShouldBe("Steps[2].Arguments.IfSteps[1].Arguments.IfSteps[0]");
        Step(definition, "IsProduction").ElseSteps.ShouldBeEmpty();
        Step(definition, "Train").Parent.ShouldBeNull();
        Step(definition, "Train").Branch.ShouldBeNull();
    }

    [Fact]
    public void Read_FailFixture_ReadsLiteralJoinAndEmptyMessages()
    {
        var definition = Load("fail.json");

        var join = Step(definition, "FailStep").ErrorMessage.ShouldBeOfType<JoinExpression>();
        join.On.ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>().ShouldBe(": ");
        join.Values[1].ShouldBeOfType<GetExpression>().Reference.ShouldBeOfType<StepPropertyReference>().StepName.ShouldBe("CondStep");
        Step(definition, "ThresholdTooLoose").ErrorMessage.ShouldBeOfType<JoinExpression>()
            .Values[1].References().Single().ShouldBeOfType<ParameterReference>().Name.ShouldBe("MseThreshold");
        Step(definition, "StaticFail").ErrorMessage.ShouldBeOfType<LiteralExpression>()
            .Value.Node()!.GetValue<string>().ShouldBe("Test error message");
        Step(definition, "NoMessageFail").ErrorMessage.ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>().ShouldBeEmpty();
        Step(definition, "CondStep").NestedSteps.ShouldBeEmpty();
        Edges(definition).ShouldBe([
            "CondStep -> FailStep (Data)",
            "CheckMseThreshold -> ThresholdTooLoose (Condition)",
            "CheckMseThreshold -> NoMessageFail (Condition)",
            "CheckMseThreshold -> StaticFail (DependsOn)",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Read_LambdaFixture_ReadsFunctionArnAndTypedOutputs()
    {
        var definition = Load("lambda.json");
        var lookup = Step(definition, "LookupLatestModel");

        lookup.Type.ShouldBe(StepType.Lambda);
        lookup.FunctionArn.ShouldBe("arn:aws:lambda:us-west-2:111122223333:function:lookup-latest-model");
        lookup.OutputParameters.ShouldBe([
            new OutputParameterDefinition("model_package_arn", ParameterType.String),
            new OutputParameterDefinition("model_version", ParameterType.Integer),
            new OutputParameterDefinition("is_approved", ParameterType.Boolean),
            new OutputParameterDefinition("validation_auc", ParameterType.Float),
        ]);
        lookup.CacheConfig.ShouldBe(new CacheConfig(true, TimeSpan.FromMinutes(30)));
        Step(definition, "NotifyTeam").OutputParameters.ShouldBeEmpty();
        Step(definition, "NotifyTeam").DependsOn.ShouldBe(["CheckApproval"]);

        var deployReferences = StepReferences(Step(definition, "DeployEndpoint"));
        deployReferences.ShouldBe([
            "Steps.LookupLatestModel.OutputParameters['model_package_arn']",
            "Steps.LookupLatestModel.OutputParameters['model_version']",
        ]);
        var reference = Step(definition, "DeployEndpoint").Expressions[0].Expression.ShouldBeOfType<GetExpression>()
            .Reference.ShouldBeOfType<StepPropertyReference>();
        reference.Path.Segments.ShouldBe([
            new PropertyPathSegment.Member("OutputParameters"),
            new PropertyPathSegment.Key("model_package_arn"),
        ]);
        Step(definition, "CheckApproval").Conditions.Count.ShouldBe(2);
        Edges(definition).ShouldContain("LookupLatestModel -> CheckApproval (Data)");
        Edges(definition).ShouldContain("CheckApproval -> NotifyTeam (DependsOn)");
    }

    [Fact]
    public void Read_CallbackFixture_ReadsQueueAndOutputs()
    {
        var definition = Load("callback.json");
        var etl = Step(definition, "GlueEtl");

        etl.Type.ShouldBe(StepType.Callback);
        etl.SqsQueueUrl.ShouldBe("https://sqs.us-west-2.amazonaws.com/111122223333/churn-etl-callbacks");
        etl.OutputParameters.Select(o => (o.Name, o.Type)).ShouldBe([
            ("output_s3_uri", ParameterType.String),
            ("record_count", ParameterType.Integer),
            ("schema_valid", ParameterType.Boolean),
        ]);
        etl.FunctionArn.ShouldBeNull();
        StepReferences(Step(definition, "Prep")).ShouldBe(["Steps.GlueEtl.OutputParameters['output_s3_uri']"]);
        ShouldBeNested(definition, "Prep", "CheckSchema", ConditionBranch.If);
        ShouldBeNested(definition, "SchemaInvalid", "CheckSchema", ConditionBranch.Else);
        Edges(definition).ShouldBe([
            "GlueEtl -> CheckSchema (Data)",
            "CheckSchema -> Prep (Condition)",
            "GlueEtl -> Prep (Data)",
            "CheckSchema -> SchemaInvalid (Condition)",
            "GlueEtl -> SchemaInvalid (Data)",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Read_FunctionsFixture_ReadsJoinAndBothJsonGetForms()
    {
        var definition = Load("functions.json");
        var check = Step(definition, "CheckMse");
        var condition = check.Conditions.ShouldHaveSingleItem().ShouldBeOfType<ComparisonCondition>();

        var fromFile = condition.Left.ShouldBeOfType<JsonGetExpression>();
        fromFile.S3Uri.ShouldBeNull();
        fromFile.PropertyFile.ShouldBeOfType<GetExpression>().Reference.ShouldBeOfType<StepPropertyReference>()
            .PropertyFileName.ShouldBe("EvaluationReport");
        fromFile.Path.ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>().ShouldBe("regression_metrics.mse.value");

        var fromS3 = condition.Right.ShouldBeOfType<JsonGetExpression>();
        fromS3.PropertyFile.ShouldBeNull();
        var uri = fromS3.S3Uri.ShouldBeOfType<JoinExpression>();
        uri.Values[0].ShouldBeOfType<GetExpression>().Reference.Text.ShouldBe("Steps.compute-threshold.OutputDataConfig.S3OutputPath");
        uri.Values[1].ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>().ShouldBe("results.json");
        fromS3.Path.ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>().ShouldBe("Result");

        var input = Step(definition, "Eval").Expressions
            .Single(s => s.MemberPath == "Arguments.ProcessingInputs[0].S3Input.S3Uri").Expression;
        input.ShouldBeOfType<JoinExpression>().Values.Count.ShouldBe(4);

        definition.Steps.Select(s => s.Name).ShouldBe(["Eval", "CheckMse", "compute-threshold"]);
        check.DependsOn.ShouldBe(["compute-threshold"]);
        Step(definition, "PublishMetrics").DependsOn.ShouldBe(["compute-threshold"]);
        Text("functions.json").ShouldContain("\"OutputParameters\": [], \"DependsOn\": [\"compute-threshold\"]}");

        var graph = PipelineGraph.Build(definition);
        var order = graph.TopologicalOrder().ShouldNotBeNull().Select(i => graph.Nodes[i].Name).ToList();
        order.IndexOf("compute-threshold").ShouldBeLessThan(order.IndexOf("CheckMse"));
        order.IndexOf("Eval").ShouldBeLessThan(order.IndexOf("CheckMse"));
    }

    [Fact]
    public void Read_ExecutionVariablesFixture_UsesEveryVariableWhereItIsValid()
    {
        var definition = Load("execution_variables.json");
        var byStep = definition.AllSteps.ToDictionary(
            s => s.Name,
            s => s.Expressions.SelectMany(e => e.Expression.References())
                .OfType<ExecutionVariableReference>().Select(r => r.Name).ToHashSet(),
            StringComparer.Ordinal);

        byStep.Values.SelectMany(v => v).ToHashSet().SetEquals(ExecutionVariables.All).ShouldBeTrue();
        byStep.Where(p => p.Value.Contains(ExecutionVariables.TrainingJobName)).Select(p => p.Key).ShouldBe(["Train"]);
        byStep.Where(p => p.Value.Contains(ExecutionVariables.ProcessingJobName)).Select(p => p.Key).ShouldBe(["Prep"]);
        Step(definition, "Train").Type.ShouldBe(StepType.Training);
        Step(definition, "Prep").Type.ShouldBe(StepType.Processing);
        byStep["CheckWindow"].ShouldBe([ExecutionVariables.StartDateTime]);

        var experiment = Step(definition, "AuditRun").Expressions
            .SelectMany(e => e.Expression.References()).OfType<ExperimentConfigReference>();
        experiment.Select(r => r.Name).ShouldBe(["ExperimentName", "TrialName"]);
        definition.ExperimentConfig.ShouldNotBeNull();
    }

    [Fact]
    public void Read_ParametersFixture_ReadsEveryTypeDefaultAndEnum()
    {
        var definition = Load("parameters.json");
        var parameters = definition.Parameters;

        parameters.Select(p => (p.Name, p.Type, p.DefaultValue is not null)).ShouldBe([
            ("ProcessingInstanceType", ParameterType.String, true),
            ("ProcessingInstanceCount", ParameterType.Integer, true),
            ("TestSplit", ParameterType.Float, true),
            ("SkipProcessing", ParameterType.Boolean, true),
            ("InputDataUrl", ParameterType.String, false),
            ("RandomSeed", ParameterType.Integer, false),
        ]);
        parameters[0].EnumValues.ShouldBe(["ml.m5.xlarge", "ml.m5.2xlarge", "ml.c5.2xlarge"]);
        parameters[0].DefaultValue.Node()!.GetValue<string>().ShouldBe("ml.m5.xlarge");
        parameters[1].DefaultValue.Node()!.GetValue<int>().ShouldBe(1);
        parameters[2].DefaultValue.Node()!.GetValue<double>().ShouldBe(0.2);
        parameters[3].DefaultValue.Node()!.GetValue<bool>().ShouldBeFalse();
        parameters[4].DefaultValue.ShouldBeNull();
        parameters.Skip(1).ShouldAllBe(p => p.EnumValues == null);
        Text("parameters.json").ShouldContain("{\"Name\": \"InputDataUrl\", \"Type\": \"String\"}");

        var prep = Step(definition, "Prep");
        ShouldBeNested(definition, "Prep", "CheckSkip", ConditionBranch.If);
        prep.Expressions.Single(s => s.MemberPath == "Arguments.AppSpecification.ContainerArguments[1]").Expression
            .ShouldBeOfType<JoinExpression>().Values.Single().References().Single().Text.ShouldBe("Parameters.TestSplit");
        DefinitionValidator.Validate(Text("parameters.json")).Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Read_CacheRetryFixture_ReadsCacheConfigsAndRetryPolicies()
    {
        var definition = Load("cache_retry.json");
        var prep = Step(definition, "Prep");

        prep.CacheConfig.ShouldBe(new CacheConfig(true, TimeSpan.FromHours(1)));
        prep.RetryPolicies.Count.ShouldBe(2);
        prep.RetryPolicies[0].ExceptionTypes.ShouldBe(["Step.SERVICE_FAULT", "Step.THROTTLING"]);
        prep.RetryPolicies[0].MaxAttempts.ShouldBe(5);
        prep.RetryPolicies[0].ExpireAfterMin.ShouldBeNull();
        prep.RetryPolicies[0].IntervalSeconds.ShouldBe(10);
        prep.RetryPolicies[0].BackoffRate.ShouldBe(2.0);
        prep.RetryPolicies[1].ExceptionTypes.ShouldBe([
            "SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR", "SageMaker.RESOURCE_LIMIT",
        ]);
        prep.RetryPolicies[1].MaxAttempts.ShouldBeNull();
        prep.RetryPolicies[1].ExpireAfterMin.ShouldBe(120);
        prep.RetryPolicies[1].IntervalSeconds.ShouldBe(60);
        prep.RetryPolicies[1].BackoffRate.ShouldBe(1.5);

        var train = Step(definition, "Train");
        train.CacheConfig.ShouldBe(new CacheConfig(true, TimeSpan.FromDays(30)));
        train.RetryPolicies.ShouldHaveSingleItem().MaxAttempts.ShouldBe(3);

        var model = Step(definition, "ChurnModel-CreateModel");
        model.CacheConfig.ShouldBeNull();
        model.RetryPolicies.ShouldHaveSingleItem().ExpireAfterMin.ShouldBe(10);

        Step(definition, "Notify").CacheConfig.ShouldBe(new CacheConfig(false, null));
        DefinitionValidator.Validate(Text("cache_retry.json")).Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("emr.json", StepType.EMR, "SparkEtl")]
    [InlineData("quality_check.json", StepType.QualityCheck, "DataQualityCheck")]
    [InlineData("clarify_check.json", StepType.ClarifyCheck, "ModelBiasCheck")]
    [InlineData("automl.json", StepType.AutoML, "AutoMLTraining")]
    public void Validate_StepTypesSluiceCannotRun_WarnWithoutErrors(string fixture, StepType type, string stepName)
    {
        var result = DefinitionValidator.Validate(Text(fixture));

        result.Errors.ShouldBeEmpty();
        result.Definition!.TryGetStep(stepName, out var step).ShouldBeTrue();
        step!.Type.ShouldBe(type);
        result.Warnings.ShouldContain(d => d.Code == DiagnosticCodes.NotRunnableHere && d.OwnerName == stepName);
        result.Graph!.TopologicalOrder().ShouldNotBeNull();
    }

    [Fact]
    public void Read_EmrFixture_ReadsClusterIdAndClusterConfigForms()
    {
        var definition = Load("emr.json");

        Step(definition, "SparkEtl").Arguments.Node()!["ClusterId"]!.GetValue<string>().ShouldBe("j-2AXXXXXXGAPLF");
        Step(definition, "SparkEtl").RetryPolicies.ShouldHaveSingleItem()
            .ExceptionTypes.ShouldBe(["Step.SERVICE_FAULT", "Step.THROTTLING"]);
        Step(definition, "SparkAggregate").Arguments.Node()!["ClusterConfig"]!["ReleaseLabel"]!.GetValue<string>().ShouldBe("emr-6.15.0");
        StepReferences(Step(definition, "SparkEtl")).ShouldBeEmpty();
        Step(definition, "SparkEtl").Expressions.Single().MemberPath.ShouldBe("Arguments.StepConfig.HadoopJarStep.Args[5]");
        Edges(definition).ShouldBe(["SparkEtl -> SparkAggregate (DependsOn)"], ignoreOrder: true);
    }

    [Fact]
    public void Read_CheckFixtures_KeepCheckMembersAndReadTheirProperties()
    {
        var quality = Load("quality_check.json");
        var check = Step(quality, "DataQualityCheck");

        check.Source.Node()!["CheckType"]!.GetValue<string>().ShouldBe("DATA_QUALITY");
        check.Source.Node()!["FailOnViolation"]!.GetValue<bool>().ShouldBeFalse();
        StepReferences(Step(quality, "ChurnModel-RegisterModel")).ShouldBe([
            "Steps.DataQualityCheck.CalculatedBaselineStatistics",
            "Steps.DataQualityCheck.CalculatedBaselineConstraints",
            "Steps.DataQualityCheck.BaselineUsedForDriftCheckStatistics",
            "Steps.DataQualityCheck.BaselineUsedForDriftCheckConstraints",
        ]);
        Edges(quality).ShouldBe(
            ["Prep -> DataQualityCheck (Data)", "DataQualityCheck -> ChurnModel-RegisterModel (Data)"], ignoreOrder: true);

        var clarify = Load("clarify_check.json");
        Step(clarify, "DataBiasCheck").Source.Node()!["SuppliedBaselineConstraints"].ShouldBeNull();
        Step(clarify, "DataBiasCheck").Source.TryGetProperty("SuppliedBaselineConstraints", out _).ShouldBeTrue();
        Step(clarify, "ModelBiasCheck").Source.Node()!["CheckType"]!.GetValue<string>().ShouldBe("MODEL_BIAS");
        Edges(clarify).ShouldContain("ChurnModel-CreateModel -> ModelBiasCheck (DependsOn)");
        Edges(clarify).ShouldContain("ChurnModel-CreateModel -> ModelBiasCheck (Data)");
    }

    [Fact]
    public void Read_AutoMLFixture_ReadsBestCandidateProperties()
    {
        var definition = Load("automl.json");

        Step(definition, "AutoMLTraining").Arguments.Node()!["AutoMLJobConfig"]!["Mode"]!.GetValue<string>().ShouldBe("ENSEMBLING");
        var model = Step(definition, "BestAutoMLModel-CreateModel");
        ShouldBeNested(definition, "BestAutoMLModel-CreateModel", "CheckObjective", ConditionBranch.If);
        var references = StepReferences(model);
        references.Count.ShouldBe(8);
        references.ShouldContain("Steps.AutoMLTraining.BestCandidate.InferenceContainers[0].Environment['MODEL_NAME']");
        references.ShouldAllBe(r => r.StartsWith("Steps.AutoMLTraining.BestCandidate.InferenceContainers[0].", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ExperimentConfigFixtures_NullAndDefault()
    {
        Load("experiment_config_null.json").ExperimentConfig.ShouldBeNull();
        Text("experiment_config_null.json").ShouldContain("\"PipelineExperimentConfig\": null");

        var config = Load("abalone.json").ExperimentConfig.ShouldNotBeNull();
        config.ExperimentName.ShouldBeOfType<GetExpression>().Reference.ShouldBeOfType<ExecutionVariableReference>()
            .Name.ShouldBe(ExecutionVariables.PipelineName);
        config.TrialName.ShouldBeOfType<GetExpression>().Reference.ShouldBeOfType<ExecutionVariableReference>()
            .Name.ShouldBe(ExecutionVariables.PipelineExecutionId);
    }

    [Fact]
    public void Build_AbaloneFixture_HasTheNotebookGraph()
    {
        var definition = Load("abalone.json");
        var graph = PipelineGraph.Build(definition);

        Edges(definition).ShouldBe([
            "AbaloneProcess -> AbaloneTrain (Data)",
            "AbaloneTrain -> AbaloneEval (Data)",
            "AbaloneProcess -> AbaloneEval (Data)",
            "AbaloneEval -> AbaloneMSECond (Data)",
            "AbaloneMSECond -> AbaloneRegisterModel-RegisterModel (Condition)",
            "AbaloneTrain -> AbaloneRegisterModel-RegisterModel (Data)",
            "AbaloneEval -> AbaloneRegisterModel-RegisterModel (Data)",
            "AbaloneMSECond -> AbaloneCreateModel-CreateModel (Condition)",
            "AbaloneRegisterModel-RegisterModel -> AbaloneCreateModel-CreateModel (DependsOn)",
            "AbaloneTrain -> AbaloneCreateModel-CreateModel (Data)",
            "AbaloneMSECond -> AbaloneTransform (Condition)",
            "AbaloneCreateModel-CreateModel -> AbaloneTransform (Data)",
            "AbaloneMSECond -> AbaloneMSEFail (Condition)",
        ], ignoreOrder: true);
        graph.Edges.Select(e => e.Kind).Distinct().Order().ShouldBe([EdgeKind.DependsOn, EdgeKind.Data, EdgeKind.Condition]);
        graph.FindCycles().ShouldBeEmpty();

        var order = graph.TopologicalOrder().ShouldNotBeNull().Select(i => graph.Nodes[i].Name).ToList();
        order.ShouldBe([
            "AbaloneProcess", "AbaloneTrain", "AbaloneEval", "AbaloneMSECond",
            "AbaloneRegisterModel-RegisterModel", "AbaloneCreateModel-CreateModel", "AbaloneTransform", "AbaloneMSEFail",
        ]);
        order.IndexOf("AbaloneProcess").ShouldBeLessThan(order.IndexOf("AbaloneTrain"));
        order.IndexOf("AbaloneTrain").ShouldBeLessThan(order.IndexOf("AbaloneEval"));
        order.IndexOf("AbaloneEval").ShouldBeLessThan(order.IndexOf("AbaloneMSECond"));

        var condition = Step(definition, "AbaloneMSECond").Conditions.ShouldHaveSingleItem().ShouldBeOfType<ComparisonCondition>();
        condition.Operator.ShouldBe(ComparisonOperator.LessThanOrEqualTo);
        condition.Left.ShouldBeOfType<JsonGetExpression>().Path.ShouldBeOfType<LiteralExpression>().Value.Node()!.GetValue<string>()
            .ShouldBe("regression_metrics.mse.value");
        condition.Right.References().Single().ShouldBeOfType<ParameterReference>().Name.ShouldBe("MseThreshold");
        Step(definition, "AbaloneEval").PropertyFiles
            .ShouldBe([new PropertyFileDefinition("EvaluationReport", "evaluation", "evaluation.json")]);
        Step(definition, "AbaloneMSEFail").ErrorMessage.ShouldBeOfType<JoinExpression>();
        definition.Parameters.Select(p => p.Name).ShouldBe([
            "ProcessingInstanceCount", "TrainingInstanceType", "ModelApprovalStatus", "InputData", "BatchData", "MseThreshold",
        ]);
    }

    private static string Text(string fixture) => File.ReadAllText(Path.Combine(FixtureDirectory, fixture));

    private static PipelineDefinition Load(string fixture)
    {
        var result = DefinitionReader.Read(Text(fixture));
        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Definition.ShouldNotBeNull();
    }

    private static StepDefinition Step(PipelineDefinition definition, string name)
    {
        definition.TryGetStep(name, out var step).ShouldBeTrue($"no step is named '{name}'");
        return step!;
    }

    private static List<string> StepReferences(StepDefinition step) =>
        [.. step.Expressions.SelectMany(s => s.Expression.References()).OfType<StepPropertyReference>().Select(r => r.Text)];

    private static List<string> Names(JsonNode? list, string member) =>
        [.. list.ShouldNotBeNull().AsArray().Select(item => item![member]!.GetValue<string>())];

    private static List<string> Edges(PipelineDefinition definition)
    {
        var graph = PipelineGraph.Build(definition);
        return [.. graph.Edges.Select(e => $"{graph.Nodes[e.From].Name} -> {graph.Nodes[e.To].Name} ({e.Kind})")];
    }

    private static void ShouldBeNested(PipelineDefinition definition, string name, string parent, ConditionBranch branch)
    {
        var step = Step(definition, name);
        step.Parent.ShouldNotBeNull().Name.ShouldBe(parent);
        step.Branch.ShouldBe(branch);
    }
}
