using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;
using static Sluice.Core.Tests.Export.StepFunctions.ExportHelper;

namespace Sluice.Core.Tests.Export.StepFunctions;

public sealed class StepFunctionsExporterTests
{
    private const string Role = "arn:aws:iam::111122223333:role/R";

    private static string Processing(string name, string extra = "") => $$$"""
        {"Name": "{{{name}}}", "Type": "Processing", {{{extra}}} "Arguments": {
          "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
          "AppSpecification": {"ImageUri": "image:1", "ContainerEntrypoint": ["python3", "run.py"], "ContainerArguments": ["--mode", {"Get": "Parameters.Mode"}]},
          "RoleArn": "{{{Role}}}",
          "ProcessingOutputConfig": {"Outputs": [
            {"OutputName": "first", "S3Output": {"S3Uri": "s3://bucket/first", "LocalPath": "/opt/ml/processing/first", "S3UploadMode": "EndOfJob"}},
            {"OutputName": "report", "S3Output": {"S3Uri": {"Std:Join": {"On": "/", "Values": ["s3://bucket/runs", {"Get": "Execution.PipelineExecutionId"}, "report"]}}, "LocalPath": "/opt/ml/processing/report", "S3UploadMode": "EndOfJob"}}]}},
          "PropertyFiles": [{"PropertyFileName": "Report", "OutputName": "report", "FilePath": "report.json"}]}
        """;

    private const string ModeParameter = """[{"Name": "Mode", "Type": "String", "DefaultValue": "fast"}, {"Name": "Threshold", "Type": "Float", "DefaultValue": 0.5}, {"Name": "Depth", "Type": "Integer", "DefaultValue": 3}]""";

    [Fact]
    public void Export_ProcessingStep_IsCreateProcessingJobSyncWithArgumentsAndGeneratedName()
    {
        var export = ExportOf(Definition(Processing("Prep"), ModeParameter));

        var states = AllStates(export.StateMachine);
        var task = states["Prep"];
        task["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::sagemaker:createProcessingJob.sync");
        task["Parameters"]!["ProcessingJobName.$"]!.GetValue<string>().ShouldBe("$.Names.Prep");
        task["Parameters"]!["AppSpecification"]!["ContainerArguments.$"]!.GetValue<string>().ShouldBe("States.Array('--mode', $.Parameters.Mode)");
        task["Parameters"]!["RoleArn"]!.GetValue<string>().ShouldBe(Role);
        task["ResultPath"]!.GetValue<string>().ShouldBe("$.Steps.Prep");
        states[StepFunctionsExporter.StartState]["Parameters"]!["Names"]!["Prep.$"]!.GetValue<string>().ShouldBe("States.Format('Prep-{}', States.UUID())");
    }

    [Theory]
    [InlineData("Training", "createTrainingJob.sync", "TrainingJobName")]
    [InlineData("Transform", "createTransformJob.sync", "TransformJobName")]
    [InlineData("Tuning", "createHyperParameterTuningJob.sync", "HyperParameterTuningJobName")]
    [InlineData("Model", "createModel", "ModelName")]
    public void Export_JobAndModelSteps_UseTheSageMakerIntegration(string type, string action, string nameMember)
    {
        var export = ExportOf(Definition($$$"""{"Name": "Step", "Type": "{{{type}}}", "Arguments": {"RoleArn": "{{{Role}}}"}}"""));

        var task = AllStates(export.StateMachine)["Step"];
        task["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::sagemaker:" + action);
        task["Parameters"]![nameMember + ".$"]!.GetValue<string>().ShouldBe("$.Names.Step");
    }

    [Fact]
    public void Export_ModelStep_ReadsTheModelBackWithDescribeModel()
    {
        var export = ExportOf(Definition($$$"""{"Name": "M", "Type": "Model", "Arguments": {"ExecutionRoleArn": "{{{Role}}}"}}"""));

        var describe = AllStates(export.StateMachine)["M.Describe"];
        describe["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::aws-sdk:sagemaker:describeModel");
        describe["ResultPath"]!.GetValue<string>().ShouldBe("$.Steps.M");
    }

    [Fact]
    public void Export_RegisterModel_CreatesTheGroupThenThePackageThroughTheSdkIntegration()
    {
        var export = ExportOf(Definition("""{"Name": "Reg", "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "group", "ModelApprovalStatus": "Approved"}}"""));

        var states = AllStates(export.StateMachine);
        states["Reg.Group"]["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::aws-sdk:sagemaker:createModelPackageGroup");
        states["Reg.Group"]["Catch"]![0]!["Next"]!.GetValue<string>().ShouldBe("Reg");
        states["Reg"]["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::aws-sdk:sagemaker:createModelPackage");
        states["Reg"]["Parameters"]!["ModelApprovalStatus"]!.GetValue<string>().ShouldBe("Approved");
        states["Reg.Describe"]["Parameters"]!["ModelPackageName.$"]!.GetValue<string>().ShouldBe("$.Steps.Reg.ModelPackageArn");
    }

    [Fact]
    public void Export_LambdaStep_InvokesTheFunctionAndKeepsItsOutputs()
    {
        var export = ExportOf(Definition(
            Lambda("L", arguments: """{"depth": {"Get": "Parameters.Depth"}}""") + "," + Lambda("Next", arguments: """{"in": {"Get": "Steps.L.OutputParameters['out']"}}"""),
            ModeParameter));

        var states = AllStates(export.StateMachine);
        states["L"]["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::lambda:invoke");
        states["L"]["Parameters"]!["Payload"]!["depth.$"]!.GetValue<string>().ShouldBe("$.Parameters.Depth");
        states["L"]["ResultSelector"]!["OutputParameters.$"]!.GetValue<string>().ShouldBe("$.Payload");
        states["Next"]["Parameters"]!["Payload"]!["in.$"]!.GetValue<string>().ShouldBe("$.Steps.L.OutputParameters.out");
    }

    [Fact]
    public void Export_CallbackStep_SendsSageMakersMessageAndWaitsForTheTaskToken()
    {
        var export = ExportOf(Definition("""{"Name": "C", "Type": "Callback", "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "OutputParameters": [], "Arguments": {"x": 1}}"""));

        var task = AllStates(export.StateMachine)["C"];
        task["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::sqs:sendMessage.waitForTaskToken");
        var body = task["Parameters"]!["MessageBody"]!;
        body["token.$"]!.GetValue<string>().ShouldBe("$$.Task.Token");
        body["pipelineExecutionArn.$"]!.GetValue<string>().ShouldBe("$$.Execution.Id");
        body["arguments"]!["x"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public void Export_FailWithJoinedMessage_ComputesTheCauseWithStatesFormat()
    {
        var export = ExportOf(Definition("""{"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": ["mode", {"Get": "Parameters.Mode"}, "is {odd}"]}}}}""", ModeParameter));

        var states = AllStates(export.StateMachine);
        states["F.Message"]["Parameters"]!["Cause.$"]!.GetValue<string>().ShouldBe("States.Format('mode {} is \\{odd\\}', $.Parameters.Mode)");
        states["F"]["CausePath"]!.GetValue<string>().ShouldBe("$.FailMessage.Cause");
    }

    [Fact]
    public void Export_FailWithLiteralMessage_IsAFailStateWithThatCause()
    {
        var export = ExportOf(Definition("""{"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": "stop here"}}"""));

        AllStates(export.StateMachine)["F"]["Cause"]!.GetValue<string>().ShouldBe("stop here");
    }

    [Fact]
    public void Export_PropertyFileJsonGet_ReadsTheFileWithS3GetObjectBeforeTheStep()
    {
        var export = ExportOf(Definition(Processing("Prep") + "," + Lambda("Use", arguments: """{"v": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.Report"}, "Path": "metrics.acc['x'][0]"}}}"""), ModeParameter));

        var states = AllStates(export.StateMachine);
        var read = states.Single(s => s.Key.StartsWith("Use.Read", StringComparison.Ordinal)).Value;
        read["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::aws-sdk:s3:getObject");
        read["Parameters"]!["Bucket"]!.GetValue<string>().ShouldBe("bucket");
        read["Parameters"]!["Key.$"]!.GetValue<string>().ShouldBe("States.Format('runs/{}/report/report.json', $$.Execution.Name)");
        read["ResultSelector"]!["Document.$"]!.GetValue<string>().ShouldBe("States.StringToJson($.Body)");
        states["Use"]["Parameters"]!["Payload"]!["v.$"]!.GetValue<string>().ShouldEndWith(".Document.metrics.acc.x[0]");
    }

    [Fact]
    public void Export_PropertyReferenceByOutputName_BecomesTheIndexOfThatOutput()
    {
        var export = ExportOf(Definition(Processing("Prep") + "," + Lambda("Use", arguments: """{"uri": {"Get": "Steps.Prep.ProcessingOutputConfig.Outputs['report'].S3Output.S3Uri"}}"""), ModeParameter));

        AllStates(export.StateMachine)["Use"]["Parameters"]!["Payload"]!["uri.$"]!.GetValue<string>()
            .ShouldBe("$.Steps.Prep.ProcessingOutputConfig.Outputs[1].S3Output.S3Uri");
    }

    [Fact]
    public void Export_MetricByName_FiltersFinalMetricDataList()
    {
        var export = ExportOf(Definition("""{"Name": "Train", "Type": "Training", "Arguments": {"RoleArn": "r"}},""" + Lambda("Use", arguments: """{"m": {"Get": "Steps.Train.FinalMetricDataList['val:mse'].Value"}}""")));

        AllStates(export.StateMachine)["Use"]["Parameters"]!["Payload"]!["m.$"]!.GetValue<string>()
            .ShouldBe("States.ArrayGetItem($.Steps.Train.FinalMetricDataList[?(@.MetricName == 'val:mse')].Value, 0)");
    }

    [Theory]
    [InlineData("PipelineExecutionArn", "$$.Execution.Id")]
    [InlineData("PipelineExecutionId", "$$.Execution.Name")]
    [InlineData("StartDateTime", "$$.Execution.StartTime")]
    [InlineData("PipelineName", "$$.StateMachine.Name")]
    [InlineData("PipelineArn", "$$.StateMachine.Id")]
    public void Export_ExecutionVariable_ReadsTheContextObject(string variable, string path)
    {
        var export = ExportOf(Definition(Lambda("L", arguments: $$$"""{"v": {"Get": "Execution.{{{variable}}}"}}""")));

        AllStates(export.StateMachine)["L"]["Parameters"]!["Payload"]!["v.$"]!.GetValue<string>().ShouldBe(path);
    }

    [Fact]
    public void Export_IntegerInHyperParameters_IsTurnedIntoText()
    {
        var export = ExportOf(Definition("""{"Name": "Train", "Type": "Training", "Arguments": {"RoleArn": "r", "HyperParameters": {"depth": {"Get": "Parameters.Depth"}}}}""", ModeParameter));

        AllStates(export.StateMachine)["Train"]["Parameters"]!["HyperParameters"]!["depth.$"]!.GetValue<string>().ShouldBe("States.Format('{}', $.Parameters.Depth)");
    }

    [Fact]
    public void Export_Parameters_MergeTheExecutionInputOverTheDefaults()
    {
        var export = ExportOf(Definition(Lambda("L"), ModeParameter));

        var states = AllStates(export.StateMachine);
        states["Sluice.Defaults"]["Result"]!["Mode"]!.GetValue<string>().ShouldBe("fast");
        states[StepFunctionsExporter.StartState]["Parameters"]!["Parameters.$"]!.GetValue<string>().ShouldBe("States.JsonMerge($.Defaults, $.Parameters, false)");
        export.SampleInput["Parameters"]!["Threshold"]!.GetValue<double>().ShouldBe(0.5);
    }

    [Fact]
    public void Export_ParameterWithoutDefault_FailsTheExecutionWhenMissing()
    {
        var export = ExportOf(Definition(Lambda("L"), """[{"Name": "Needed", "Type": "String"}]"""));

        var states = AllStates(export.StateMachine);
        states["Sluice.RequiredParameters"]["Choices"]![0]!["Next"]!.GetValue<string>().ShouldBe("Sluice.MissingParameters");
        states["Sluice.RequiredParameters"]["Default"]!.GetValue<string>().ShouldBe("L");
        states["Sluice.MissingParameters"]["Cause"]!.GetValue<string>().ShouldContain("Needed");
    }

    [Fact]
    public void Export_RetryPolicy_IsRefusedWithoutApproximationsAndBecomesRetryWithThem()
    {
        var step = """{"Name": "L", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:1:function:f", "Arguments": {}, "RetryPolicies": [{"ExceptionType": ["Step.SERVICE_FAULT"], "IntervalSeconds": 2, "BackoffRate": 1.5, "MaxAttempts": 4}]}""";

        var refused = Refused(Definition(step));
        refused.Problems.ShouldHaveSingleItem().MemberPath.ShouldBe("RetryPolicies[0]");
        refused.Problems[0].StepName.ShouldBe("L");

        var export = ExportOf(Definition(step), allowApproximations: true);
        var retry = AllStates(export.StateMachine)["L"]["Retry"]![0]!;
        retry["ErrorEquals"]![0]!.GetValue<string>().ShouldBe("States.TaskFailed");
        retry["IntervalSeconds"]!.GetValue<int>().ShouldBe(2);
        retry["BackoffRate"]!.GetValue<double>().ShouldBe(1.5);
        retry["MaxAttempts"]!.GetValue<int>().ShouldBe(4);
        export.Approximations.ShouldHaveSingleItem().StepName.ShouldBe("L");
    }

    [Fact]
    public void Export_CacheConfig_IsNotedAsNotExported()
    {
        var export = ExportOf(Definition(Processing("Prep", """ "CacheConfig": {"Enabled": true, "ExpireAfter": "P1D"}, """), ModeParameter));

        export.Notes.ShouldContain(n => n.StepName == "Prep" && n.MemberPath == "CacheConfig");
    }

    [Theory]
    [InlineData("EMR")]
    [InlineData("QualityCheck")]
    [InlineData("AutoML")]
    public void Export_StepTypeWithoutEquivalent_IsRefusedNamingTheStep(string type)
    {
        var refused = Refused(Definition($$$"""{"Name": "X", "Type": "{{{type}}}", "Arguments": {}}"""));

        refused.Problems.ShouldHaveSingleItem().ToString().ShouldBe($"Steps[0] 'X' Type: a {type} step has no Step Functions equivalent in this export");
    }

    [Fact]
    public void Export_ComputedJoinSeparator_IsRefusedNamingThePath()
    {
        var refused = Refused(Definition(Lambda("L", arguments: """{"v": {"Std:Join": {"On": {"Get": "Parameters.Mode"}, "Values": ["a", "b"]}}}"""), ModeParameter));

        refused.Problems.ShouldHaveSingleItem().MemberPath.ShouldBe("Arguments.v.Std:Join.On");
    }

    [Fact]
    public void Export_MemberNameEndingInPathSuffix_IsRefused()
    {
        var refused = Refused(Definition(Lambda("L", arguments: """{"odd.$": "x"}""")));

        refused.Problems.ShouldHaveSingleItem().MemberPath.ShouldBe("Arguments['odd.$']");
    }

    [Fact]
    public void Export_IndependentSteps_RunInOneParallelState()
    {
        var export = ExportOf(Definition(Lambda("A") + "," + Lambda("B") + "," + Lambda("C", """["A", "B"]""")));

        var parallel = AllStates(export.StateMachine)["Sluice.Parallel1"];
        parallel["Branches"]!.AsArray().Select(b => b!["StartAt"]!.GetValue<string>()).ShouldBe(["A", "B"]);
        AllStates(export.StateMachine)["Sluice.Join1"]["Next"]!.GetValue<string>().ShouldBe("C");
        export.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void Export_GraphThatIsNotSeriesParallel_SaysWhichStepLosesConcurrency()
    {
        // A -> C, B -> C, B -> D: D does not need A, yet ASL can only join A and B together.
        var export = ExportOf(Definition(Lambda("A") + "," + Lambda("B") + "," + Lambda("C", """["A", "B"]""") + "," + Lambda("D", """["B"]""")));

        export.Notes.ShouldHaveSingleItem().ToString().ShouldContain("'D': loses concurrency: it also waits for 'A'");
        var finished = FinishedBefore(export.StateMachine);
        finished["C"].ShouldContain("A");
        finished["D"].ShouldContain("B");
    }

    [Fact]
    public void Export_StepAfterABranchStep_MovesIntoThatBranch()
    {
        var export = ExportOf(Definition(
            """{"Name": "Cond", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Parameters.Mode"}, "RightValue": "fast"}], "IfSteps": [""" + Lambda("InIf") + """], "ElseSteps": []}},""" + Lambda("After", """["InIf"]"""),
            ModeParameter));

        var states = AllStates(export.StateMachine);
        states["InIf"]["Next"]!.GetValue<string>().ShouldBe("After");
        FinishedBefore(export.StateMachine)["After"].ShouldContain("Cond.True");
    }

    [Fact]
    public void Export_StepAfterAFailStep_IsNotedAsNeverRunning()
    {
        var export = ExportOf(Definition("""{"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": "x"}},""" + Lambda("After", """["F"]""")));

        AllStates(export.StateMachine).ShouldNotContainKey("After");
        export.Notes.ShouldContain(n => n.StepName == "After" && n.Message.StartsWith("never runs", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_Batch_RunsJobStepsAsBatchJobsWithContentAddressedDefinitions()
    {
        var export = ExportOf(Definition(Processing("P1") + "," + Processing("P2").Replace("\"Arguments\"", "\"DependsOn\": [\"P1\"], \"Arguments\"", StringComparison.Ordinal), ModeParameter), ComputeTarget.Batch);

        var states = AllStates(export.StateMachine);
        states["P1"]["Resource"]!.GetValue<string>().ShouldBe("arn:aws:states:::batch:submitJob.sync");
        states["P1"]["Parameters"]!["JobQueue"]!.GetValue<string>().ShouldBe("${JobQueueArn}");
        states["P1.Request"]["Parameters"]!["ProcessingJobName.$"]!.GetValue<string>().ShouldBe("$.Names.P1");
        states["P1.Properties"]["Parameters"]!["Bucket"]!.GetValue<string>().ShouldBe("${ArtifactBucket}");
        var definition = export.JobDefinitions.ShouldHaveSingleItem();
        definition.Steps.ShouldBe(["P1", "P2"]);
        definition.Name.ShouldMatch("^sluice-[0-9a-f]{32}$");
        states["P2"]["Parameters"]!["JobDefinition"]!.GetValue<string>().ShouldBe(definition.Name);
        var container = definition.Definition["ContainerProperties"]!;
        container["Image"]!.GetValue<string>().ShouldBe("image:1");
        container["ResourceRequirements"]![0]!["Value"]!.GetValue<string>().ShouldBe("4");
        container["ResourceRequirements"]![1]!["Value"]!.GetValue<string>().ShouldBe("14745");
        container["Command"]![2]!.GetValue<string>().ShouldBe(StepFunctionsExporter.BatchBootstrap);
        export.Template["Resources"]!["JobDefinition1"]!["Properties"]!["JobDefinitionName"]!.GetValue<string>().ShouldBe(definition.Name);
    }

    [Fact]
    public void Export_BatchWithUnknownInstanceType_IsRefusedNamingThePath()
    {
        var refused = Refused(Definition(Processing("P").Replace("ml.m5.xlarge", "ml.zz9.huge", StringComparison.Ordinal), ModeParameter), ComputeTarget.Batch);

        refused.Problems.ShouldHaveSingleItem().MemberPath.ShouldBe("Arguments.ProcessingResources.ClusterConfig.InstanceType");
    }

    [Fact]
    public void Export_Template_HasTheStateMachineRoleAndSubstitutions()
    {
        var export = ExportOf(Definition(Processing("P"), ModeParameter), ComputeTarget.Batch);

        var resources = export.Template["Resources"]!;
        resources["StateMachine"]!["Type"]!.GetValue<string>().ShouldBe("AWS::StepFunctions::StateMachine");
        resources["StateMachine"]!["Properties"]!["DefinitionSubstitutions"]!["JobQueueArn"]!["Ref"]!.GetValue<string>().ShouldBe("JobQueueArn");
        resources["StateMachineRole"]!["Type"]!.GetValue<string>().ShouldBe("AWS::IAM::Role");
        resources["BatchJobRole"]!["Type"]!.GetValue<string>().ShouldBe("AWS::IAM::Role");
        export.Readme.ShouldContain("aws cloudformation deploy --template-file template.json");
        export.Readme.ShouldContain("python3");
    }
}
