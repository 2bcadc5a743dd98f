using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;

namespace Sluice.Core.Tests.Export.StepFunctions.SideBySide;

/// <summary>
/// The definitions run side by side, each with several parameter sets that take different branches: the example
/// pipeline (real scikit-learn jobs), a definition with every condition type (Equals, GreaterThan,
/// GreaterThanOrEqualTo, LessThan, LessThanOrEqualTo, In, Not, Or, and the Conditions list's And, over parameters,
/// literals, step properties and <c>Std:JsonGet</c>), and a Lambda, Callback, Condition and Fail pipeline.
/// </summary>
internal static class SideBySideCases
{
    /// <summary>The repository's root folder (first, since <see cref="All"/> reads it while the class initialises).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Every condition type, each in a Condition step of its own after a Processing job writes a property file; a gate with nested steps ends it.</summary>
    public const string Conditions = """
        {"Version": "2020-12-01", "Metadata": {},
         "Parameters": [
          {"Name": "Count", "Type": "Integer", "DefaultValue": 5},
          {"Name": "Limit", "Type": "Integer", "DefaultValue": 3},
          {"Name": "Ratio", "Type": "Float", "DefaultValue": 0.75},
          {"Name": "Cap", "Type": "Float", "DefaultValue": 0.8},
          {"Name": "Mode", "Type": "String", "DefaultValue": "fast"},
          {"Name": "Enabled", "Type": "Boolean", "DefaultValue": true}],
         "Steps": [
          {"Name": "Measure", "Type": "Processing", "Arguments": {
            "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
            "AppSpecification": {"ImageUri": "python:3", "ContainerEntrypoint": ["python3", "-c",
              "import json,os,sys;r=float(os.environ['RATIO']);r<0 and sys.exit('ratio below zero');d='/opt/ml/processing/output';os.makedirs(d,exist_ok=True);json.dump({'score':r,'label':os.environ['MODE']},open(d+'/metrics.json','w'))"]},
            "Environment": {"RATIO": {"Std:Join": {"On": "", "Values": [{"Get": "Parameters.Ratio"}]}}, "MODE": {"Get": "Parameters.Mode"}},
            "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
            "ProcessingOutputConfig": {"Outputs": [{"OutputName": "metrics", "S3Output": {"S3Uri": "s3://sluice-sbs/conditions/metrics", "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"}}]}},
           "PropertyFiles": [{"PropertyFileName": "Metrics", "OutputName": "metrics", "FilePath": "metrics.json"}]},
          {"Name": "EqualsString", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Parameters.Mode"}, "RightValue": "fast"}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "EqualsInteger", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Parameters.Count"}, "RightValue": 5}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "EqualsBoolean", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Parameters.Enabled"}, "RightValue": true}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "EqualsProperty", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Steps.Measure.ProcessingJobStatus"}, "RightValue": "Completed"}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "GreaterThanJsonGet", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "GreaterThan", "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Measure.PropertyFiles.Metrics"}, "Path": "score"}}, "RightValue": 0.5}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "GreaterThanOrEqualToParameters", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "GreaterThanOrEqualTo", "LeftValue": {"Get": "Parameters.Count"}, "RightValue": {"Get": "Parameters.Limit"}}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "LessThanLiteralLeft", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "LessThan", "LeftValue": 3, "RightValue": {"Get": "Parameters.Count"}}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "LessThanOrEqualToJsonGet", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "LessThanOrEqualTo", "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Measure.PropertyFiles.Metrics"}, "Path": "score"}}, "RightValue": {"Get": "Parameters.Cap"}}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "InParameter", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "In", "QueryValue": {"Get": "Parameters.Mode"}, "Values": ["fast", "slow"]}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "InJsonGet", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "In", "QueryValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Measure.PropertyFiles.Metrics"}, "Path": "label"}}, "Values": ["fast", "medium"]}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "InNumbers", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "In", "QueryValue": {"Get": "Parameters.Count"}, "Values": [5, 12]}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "NotEquals", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "Not", "Condition": {"Type": "Equals", "LeftValue": {"Get": "Parameters.Mode"}, "RightValue": "fast"}}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "OrMixed", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [{"Type": "Or", "Conditions": [
            {"Type": "GreaterThan", "LeftValue": {"Get": "Parameters.Count"}, "RightValue": 10},
            {"Type": "Equals", "LeftValue": {"Get": "Parameters.Enabled"}, "RightValue": false}]}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "AndList", "Type": "Condition", "DependsOn": ["Measure"], "Arguments": {"Conditions": [
            {"Type": "GreaterThanOrEqualTo", "LeftValue": {"Get": "Parameters.Ratio"}, "RightValue": 0.5},
            {"Type": "LessThanOrEqualTo", "LeftValue": {"Get": "Parameters.Count"}, "RightValue": 10}], "IfSteps": [], "ElseSteps": []}},
          {"Name": "Gate", "Type": "Condition",
           "DependsOn": ["EqualsString", "EqualsInteger", "EqualsBoolean", "EqualsProperty", "GreaterThanJsonGet", "GreaterThanOrEqualToParameters", "LessThanLiteralLeft", "LessThanOrEqualToJsonGet", "InParameter", "InJsonGet", "InNumbers", "NotEquals", "OrMixed", "AndList"],
           "Arguments": {"Conditions": [
            {"Type": "Equals", "LeftValue": {"Get": "Parameters.Enabled"}, "RightValue": true},
            {"Type": "GreaterThanOrEqualTo", "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Measure.PropertyFiles.Metrics"}, "Path": "score"}}, "RightValue": 0.5}],
           "IfSteps": [
            {"Name": "Notify", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:notify", "OutputParameters": [{"OutputName": "who", "OutputType": "String"}], "Arguments": {"mode": {"Get": "Parameters.Mode"}}},
            {"Name": "Inner", "Type": "Condition", "DependsOn": ["Notify"], "Arguments": {
              "Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Parameters.Mode"}, "RightValue": "fast"}],
              "IfSteps": [{"Name": "Announce", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:notify", "OutputParameters": [], "Arguments": {}}],
              "ElseSteps": []}}],
           "ElseSteps": [
            {"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": ["gate closed for", {"Get": "Parameters.Mode"}, "with count", {"Get": "Parameters.Count"}, "and ratio", {"Get": "Parameters.Ratio"}]}}}}]}}]}
        """;

    /// <summary>Model and RegisterModel steps (no job), a Condition on the registered package's approval, a Lambda or a Fail.</summary>
    public const string Registry = """
        {"Version": "2020-12-01", "Metadata": {},
         "Parameters": [
          {"Name": "Approval", "Type": "String", "DefaultValue": "PendingManualApproval", "EnumValues": ["PendingManualApproval", "Approved", "Rejected"]},
          {"Name": "ModelData", "Type": "String", "DefaultValue": "s3://sluice-sbs/registry/model.tar.gz"}],
         "Steps": [
          {"Name": "MakeModel", "Type": "Model", "Arguments": {"ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
            "PrimaryContainer": {"Image": "python:3", "ModelDataUrl": {"Get": "Parameters.ModelData"}}}},
          {"Name": "Register", "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "sbs-models",
            "InferenceSpecification": {"Containers": [{"Image": "python:3", "ModelDataUrl": {"Get": "Parameters.ModelData"}}],
              "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]},
            "ModelApprovalStatus": {"Get": "Parameters.Approval"}}},
          {"Name": "Approved", "Type": "Condition", "DependsOn": ["MakeModel"], "Arguments": {
            "Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Steps.Register.ModelApprovalStatus"}, "RightValue": "Approved"}],
            "IfSteps": [{"Name": "Announce", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:notify", "OutputParameters": [], "Arguments": {"package": {"Get": "Steps.Register.ModelPackageArn"}}}],
            "ElseSteps": [{"Name": "NotApproved", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": ["model package is", {"Get": "Steps.Register.ModelApprovalStatus"}]}}}}]}}]}
        """;

    /// <summary>Every case, in the order they run.</summary>
    public static IReadOnlyList<SideBySideCase> All { get; } = Build();

    private static List<SideBySideCase> Build()
    {
        var diabetes = File.ReadAllText(Path.Combine(RepositoryRoot, "examples", "diabetes", "pipeline.json"));
        JsonObject P(string json) => JsonNode.Parse(json)!.AsObject();
        var go = new CallbackAnswer(new Dictionary<string, string> { ["decision"] = "go" });
        var no = new CallbackAnswer(new Dictionary<string, string> { ["decision"] = "no" });
        return
        [
            new("diabetes/defaults", diabetes, P("{}")) { Seed = SeedDiabetes, NeedsScikitLearn = true },
            new("diabetes/low-threshold", diabetes, P("""{"MseThreshold": 1000.0, "ModelApprovalStatus": "Approved"}""")) { Seed = SeedDiabetes, NeedsScikitLearn = true },
            new("diabetes/missing-input", diabetes, P("""{"InputData": "s3://sluice-example/diabetes/nothing-here"}""")) { Seed = SeedDiabetes, NeedsScikitLearn = true },
            new("conditions/defaults", Conditions, P("{}")),
            new("conditions/all-false", Conditions, P("""{"Count": 2, "Limit": 4, "Ratio": 0.25, "Mode": "slow", "Enabled": false}""")),
            new("conditions/mixed", Conditions, P("""{"Count": 12, "Limit": 12, "Ratio": 0.9, "Cap": 0.85, "Mode": "medium"}""")),
            new("conditions/job-fails", Conditions, P("""{"Ratio": -1.5}""")),
            new("callback/go", MotoExecutionFixture.CallbackPipeline, P("{}")) { CallbackAnswers = [go] },
            new("callback/no", MotoExecutionFixture.CallbackPipeline, P("""{"Who": "ops"}""")) { CallbackAnswers = [no] },
            new("callback/failure", MotoExecutionFixture.CallbackPipeline, P("{}")) { CallbackAnswers = [new(new Dictionary<string, string>(), "not today")] },
            new("callback/go/sagemaker", MotoExecutionFixture.CallbackPipeline, P("{}")) { CallbackAnswers = [go], Compute = ComputeTarget.SageMaker },
            new("callback/no/sagemaker", MotoExecutionFixture.CallbackPipeline, P("{}")) { CallbackAnswers = [no], Compute = ComputeTarget.SageMaker },
            new("registry/pending", Registry, P("{}")) { Seed = SeedModel },
            new("registry/approved", Registry, P("""{"Approval": "Approved"}""")) { Seed = SeedModel },
            new("registry/pending/sagemaker", Registry, P("{}")) { Seed = SeedModel, Compute = ComputeTarget.SageMaker },
            new("registry/approved/sagemaker", Registry, P("""{"Approval": "Approved"}""")) { Seed = SeedModel, Compute = ComputeTarget.SageMaker },
        ];
    }

    /// <summary>A model artifact for the registry cases' ModelDataUrl.</summary>
    private static void SeedModel(string objects)
    {
        Directory.CreateDirectory(Path.Combine(objects, "sluice-sbs", "registry"));
        File.WriteAllBytes(Path.Combine(objects, "sluice-sbs", "registry", "model.tar.gz"), [0x1f, 0x8b]);
    }

    /// <summary>What scripts/example puts into the object store: the data set, the processing code and the training source archive.</summary>
    private static void SeedDiabetes(string objects)
    {
        var example = Path.Combine(RepositoryRoot, "examples", "diabetes");
        var input = Path.Combine(objects, "sluice-example", "diabetes", "input");
        if (!File.Exists(Path.Combine(input, "diabetes.csv")))
        {
            using var prepare = Process.Start(new ProcessStartInfo("/usr/bin/python3", [Path.Combine(example, "prepare.py"), input]) { RedirectStandardError = true })!;
            var error = prepare.StandardError.ReadToEnd();
            prepare.WaitForExit();
            prepare.ExitCode.ShouldBe(0, error);
        }

        var code = Path.Combine(objects, "sluice-example", "diabetes", "code");
        Directory.CreateDirectory(Path.Combine(code, "train"));
        File.Copy(Path.Combine(example, "code", "preprocess.py"), Path.Combine(code, "preprocess.py"), overwrite: true);
        File.Copy(Path.Combine(example, "code", "evaluate.py"), Path.Combine(code, "evaluate.py"), overwrite: true);
        using var archive = File.Create(Path.Combine(code, "train", "sourcedir.tar.gz"));
        using var gzip = new GZipStream(archive, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var file in new[] { "train.py", "inference.py" })
        {
            tar.WriteEntry(Path.Combine(example, "code", file), file);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Sluice.slnx) is not above the test's folder");
    }
}
