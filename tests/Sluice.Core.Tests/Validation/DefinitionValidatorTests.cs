using System.Text.Json.Nodes;
using Sluice.Core.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Validation;

public sealed class DefinitionValidatorTests
{
    /// <summary>One way to break the base pipeline, and the diagnostic that must name it.</summary>
    public sealed record BrokenCase(string Name, Action<JsonObject> Break, string Code, string Location, string Message, bool IsWarning = false)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<BrokenCase> ErrorCases => new(
        new BrokenCase("version", d => d["Version"] = "2021-01-01", DiagnosticCodes.Version, "(definition) Version", "must be \"2020-12-01\""),
        new BrokenCase("steps missing", d => d.Remove("Steps"), DiagnosticCodes.MalformedStep, "(definition) Steps", "needs a Steps list"),
        new BrokenCase("steps not list", d => d["Steps"] = "x", DiagnosticCodes.MalformedStep, "(definition) Steps", "must be a list"),
        new BrokenCase("step not object", d => d["Steps"]!.AsArray().Add(3), DiagnosticCodes.MalformedStep, "Steps[3]", "must be an object"),
        new BrokenCase("step name pattern", d => d.Step(0)["Name"] = "pre.p", DiagnosticCodes.StepName, "Steps[0] 'pre.p' Name", "1 to 64 letters"),
        new BrokenCase("step name too long", d => d.Step(0)["Name"] = new string('a', 65), DiagnosticCodes.StepName, $"Steps[0] '{new string('a', 65)}' Name", "1 to 64"),
        new BrokenCase("step name missing", d => d.Step(1).Remove("Name"), DiagnosticCodes.StepName, "Steps[1] Name", "needs a Name"),
        new BrokenCase("duplicate nested name", d => d.IfStep(0)["Name"] = "Train", DiagnosticCodes.DuplicateStep,
            "Steps[2].Arguments.IfSteps[0] 'Train' Name", "step Steps[1] is already named 'Train'"),
        new BrokenCase("unknown type", d => d.Step(1)["Type"] = "Trainning", DiagnosticCodes.StepType, "Steps[1] 'Train' Type", "did you mean 'Training'?"),
        new BrokenCase("type missing", d => d.Step(1).Remove("Type"), DiagnosticCodes.StepType, "Steps[1] 'Train' Type", "needs a Type"),
        new BrokenCase("arguments missing", d => d.Step(1).Remove("Arguments"), DiagnosticCodes.StepArguments, "Steps[1] 'Train' Arguments", "needs Arguments"),
        new BrokenCase("arguments not object", d => d.Step(1)["Arguments"] = new JsonArray(), DiagnosticCodes.StepArguments, "Steps[1] 'Train' Arguments", "must be an object"),
        new BrokenCase("depends on unknown", d => d.Step(1)["DependsOn"] = new JsonArray("Prepp"), DiagnosticCodes.DependsOn,
            "Steps[1] 'Train' DependsOn[0]", "'Prepp', which does not exist (did you mean 'Prep'?)"),
        new BrokenCase("depends on itself", d => d.Step(1)["DependsOn"] = new JsonArray("Train"), DiagnosticCodes.DependsOn, "Steps[1] 'Train' DependsOn[0]", "cannot depend on itself"),
        new BrokenCase("depends on not list", d => d.Step(1)["DependsOn"] = "Prep", DiagnosticCodes.DependsOn, "Steps[1] 'Train' DependsOn", "must be a list"),
        new BrokenCase("unknown step reference", d => d.Step(1).Arguments()["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] = Get("Steps.Prepare.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri"),
            DiagnosticCodes.UnknownStep, "Steps[1] 'Train' Arguments.InputDataConfig[0].DataSource.S3DataSource.S3Uri", "references step 'Prepare', which does not exist"),
        new BrokenCase("self reference", d => d.Step(1).Arguments()["Environment"] = new JsonObject { ["X"] = Get("Steps.Train.TrainingJobName") },
            DiagnosticCodes.UnknownStep, "Steps[1] 'Train' Arguments.Environment.X", "reads the step's own properties"),
        new BrokenCase("unknown parameter", d => d.Step(0).Arguments()["AppSpecification"]!["ContainerArguments"]![1] = Get("Parameters.Modes"),
            DiagnosticCodes.UnknownParameter, "Steps[0] 'Prep' Arguments.AppSpecification.ContainerArguments[1]", "parameter 'Modes', which is not declared (did you mean 'Mode'?)"),
        new BrokenCase("unknown execution variable", d => d.Step(1).Arguments()["Environment"] = new JsonObject { ["X"] = Get("Execution.PipelineExecutionName") },
            DiagnosticCodes.ExecutionVariable, "Steps[1] 'Train' Arguments.Environment.X", "is not an execution variable"),
        new BrokenCase("training job name outside training", d => d.Step(0).Arguments()["Environment"] = new JsonObject { ["X"] = Get("Execution.TrainingJobName") },
            DiagnosticCodes.ExecutionVariable, "Steps[0] 'Prep' Arguments.Environment.X", "only Training steps may read it"),
        new BrokenCase("unknown experiment member", d => d["PipelineExperimentConfig"]!["TrialName"] = Get("PipelineExperimentConfig.Trial"),
            DiagnosticCodes.ExperimentConfig, "(definition) PipelineExperimentConfig.TrialName", "is not a PipelineExperimentConfig member"),
        new BrokenCase("unknown property file", d => d.Step(2).Arguments()["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!["PropertyFile"] = Get("Steps.Prep.PropertyFiles.Reprot"),
            DiagnosticCodes.UnknownPropertyFile, "Steps[2] 'Check' Arguments.Conditions[0].LeftValue.Std:JsonGet.PropertyFile", "property file 'Reprot', but step 'Prep' declares 'Report' (did you mean 'Report'?)"),
        new BrokenCase("property path typo", d => d.IfStep(0).Arguments()["InferenceSpecification"]!["Containers"]![0]!["ModelDataUrl"] = Get("Steps.Train.ModelArtifacts.S3ModelArtifact"),
            DiagnosticCodes.PropertyPath, "Steps[2].Arguments.IfSteps[0] 'Register' Arguments.InferenceSpecification.Containers[0].ModelDataUrl", "has no member 'S3ModelArtifact' (did you mean 'S3ModelArtifacts'?)"),
        new BrokenCase("property of wrong type", d => d.Step(1).Arguments()["Environment"] = new JsonObject { ["X"] = Get("Steps.Prep.ModelArtifacts.S3ModelArtifacts") },
            DiagnosticCodes.PropertyPath, "Steps[1] 'Train' Arguments.Environment.X", "'ModelArtifacts' is not a property of Processing steps"),
        new BrokenCase("fail step property", d => d.Step(1).Arguments()["Environment"] = new JsonObject { ["X"] = Get("Steps.Stop.ErrorMessage") },
            DiagnosticCodes.PropertyPath, "Steps[1] 'Train' Arguments.Environment.X", "Fail step 'Stop', which has no properties"),
        new BrokenCase("malformed get", d => d.Step(1).Arguments()["Environment"] = new JsonObject { ["X"] = Get("Parameter.Mode") },
            DiagnosticCodes.MalformedExpression, "Steps[1] 'Train' Arguments.Environment.X.Get", "does not start with Parameters."),
        new BrokenCase("get not string", d => d.Step(1).Arguments()["Environment"] = new JsonObject { ["X"] = new JsonObject { ["Get"] = 3 } },
            DiagnosticCodes.MalformedExpression, "Steps[1] 'Train' Arguments.Environment.X.Get", "must name what it reads as a string"),
        new BrokenCase("join without values", d => d.Step(1).Arguments()["Environment"] = new JsonObject { ["X"] = new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "/" } } },
            DiagnosticCodes.MalformedExpression, "Steps[1] 'Train' Arguments.Environment.X.Std:Join.Values", "needs a Values list"),
        new BrokenCase("jsonget both sources", d => d.Step(2).Arguments()["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!["S3Uri"] = "s3://b/k",
            DiagnosticCodes.MalformedExpression, "Steps[2] 'Check' Arguments.Conditions[0].LeftValue.Std:JsonGet", "has both PropertyFile and S3Uri"),
        new BrokenCase("jsonget bad path", d => d.Step(2).Arguments()["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!["Path"] = "metrics[mse",
            DiagnosticCodes.MalformedExpression, "Steps[2] 'Check' Arguments.Conditions[0].LeftValue.Std:JsonGet.Path", "is not a valid JSON path"),
        new BrokenCase("condition unknown type", d => d.Step(2).Arguments()["Conditions"]![0]!["Type"] = "NotEquals",
            DiagnosticCodes.MalformedCondition, "Steps[2] 'Check' Arguments.Conditions[0].Type", "'NotEquals' is not a condition type"),
        new BrokenCase("condition missing operand", d => d.Step(2).Arguments()["Conditions"]![0]!.AsObject().Remove("RightValue"),
            DiagnosticCodes.MalformedCondition, "Steps[2] 'Check' Arguments.Conditions[0].RightValue", "needs a RightValue"),
        new BrokenCase("in without values", d => d.Step(2).Arguments()["Conditions"] = new JsonArray(new JsonObject { ["Type"] = "In", ["QueryValue"] = 1 }),
            DiagnosticCodes.MalformedCondition, "Steps[2] 'Check' Arguments.Conditions[0].Values", "needs a Values list"),
        new BrokenCase("not without condition", d => d.Step(2).Arguments()["Conditions"] = new JsonArray(new JsonObject { ["Type"] = "Not" }),
            DiagnosticCodes.MalformedCondition, "Steps[2] 'Check' Arguments.Conditions[0].Condition", "needs the Condition it negates"),
        new BrokenCase("or empty", d => d.Step(2).Arguments()["Conditions"] = new JsonArray(new JsonObject { ["Type"] = "Or", ["Conditions"] = new JsonArray() }),
            DiagnosticCodes.MalformedCondition, "Steps[2] 'Check' Arguments.Conditions[0].Conditions", "non-empty Conditions list"),
        new BrokenCase("conditions missing", d => d.Step(2).Arguments().Remove("Conditions"), DiagnosticCodes.ConditionStep, "Steps[2] 'Check' Arguments.Conditions", "needs a Conditions list"),
        new BrokenCase("if steps not list", d => d.Step(2).Arguments()["IfSteps"] = new JsonObject(), DiagnosticCodes.ConditionStep, "Steps[2] 'Check' Arguments.IfSteps", "must be a list of steps"),
        new BrokenCase("fail message number", d => d.Step(2).Arguments()["ElseSteps"]![0]!["Arguments"]!["ErrorMessage"] = 42,
            DiagnosticCodes.FailMessage, "Steps[2].Arguments.ElseSteps[0] 'Stop' Arguments.ErrorMessage", "must be a string or an expression"),
        new BrokenCase("lambda without arn", d => d["Steps"]!.AsArray().Add(Parse("""{"Name": "L", "Type": "Lambda", "Arguments": {}}""")),
            DiagnosticCodes.StepOutputs, "Steps[3] 'L' FunctionArn", "needs the FunctionArn"),
        new BrokenCase("callback without queue", d => d["Steps"]!.AsArray().Add(Parse("""{"Name": "C", "Type": "Callback", "Arguments": {}, "OutputParameters": []}""")),
            DiagnosticCodes.StepOutputs, "Steps[3] 'C' SqsQueueUrl", "needs the SqsQueueUrl"),
        new BrokenCase("output type unknown", d => d["Steps"]!.AsArray().Add(Parse("""{"Name": "L", "Type": "Lambda", "FunctionArn": "f", "Arguments": {}, "OutputParameters": [{"OutputName": "x", "OutputType": "Double"}]}""")),
            DiagnosticCodes.StepOutputs, "Steps[3] 'L' OutputParameters[0].OutputType", "is not an output type"),
        new BrokenCase("unknown output", d =>
            {
                d["Steps"]!.AsArray().Add(Parse("""{"Name": "L", "Type": "Lambda", "FunctionArn": "f", "Arguments": {}, "OutputParameters": [{"OutputName": "status", "OutputType": "String"}]}"""));
                d.Step(1).Arguments()["Environment"] = new JsonObject { ["X"] = Get("Steps.L.OutputParameters['stats']") };
            },
            DiagnosticCodes.UnknownOutput, "Steps[1] 'Train' Arguments.Environment.X", "output 'stats' of step 'L'"),
        new BrokenCase("parameter name", d => d["Parameters"]![0]!["Name"] = "input data", DiagnosticCodes.ParameterName, "Parameters[0] 'input data' Name", "1 to 64 letters"),
        new BrokenCase("duplicate parameter", d => d["Parameters"]![1]!["Name"] = "InputData", DiagnosticCodes.DuplicateParameter, "Parameters[1] 'InputData' Name", "already named 'InputData'"),
        new BrokenCase("parameter type", d => d["Parameters"]![1]!["Type"] = "Double", DiagnosticCodes.ParameterType, "Parameters[1] 'Threshold' Type", "\"Double\" is not a parameter type"),
        new BrokenCase("integer default", d => d["Parameters"]!.AsArray().Add(Parse("""{"Name": "N", "Type": "Integer", "DefaultValue": 1.5}""")),
            DiagnosticCodes.ParameterDefault, "Parameters[3] 'N' DefaultValue", "1.5 is not an Integer"),
        new BrokenCase("boolean default", d => d["Parameters"]!.AsArray().Add(Parse("""{"Name": "B", "Type": "Boolean", "DefaultValue": "true"}""")),
            DiagnosticCodes.ParameterDefault, "Parameters[3] 'B' DefaultValue", "is not a Boolean"),
        new BrokenCase("float default", d => d["Parameters"]![1]!["DefaultValue"] = "6", DiagnosticCodes.ParameterDefault, "Parameters[1] 'Threshold' DefaultValue", "is not a Float"),
        new BrokenCase("enum on integer", d => d["Parameters"]!.AsArray().Add(Parse("""{"Name": "N", "Type": "Integer", "DefaultValue": 1, "EnumValues": ["1"]}""")),
            DiagnosticCodes.ParameterEnum, "Parameters[3] 'N' EnumValues", "String parameters only"),
        new BrokenCase("default outside enum", d => d["Parameters"]![2]!["DefaultValue"] = "medium", DiagnosticCodes.ParameterEnum, "Parameters[2] 'Mode' DefaultValue", "not one of the EnumValues"),
        new BrokenCase("enum empty", d => d["Parameters"]![2]!["EnumValues"] = new JsonArray(), DiagnosticCodes.ParameterEnum, "Parameters[2] 'Mode' EnumValues", "non-empty list"),
        new BrokenCase("retry max attempts range", d => d.Step(1)["RetryPolicies"]![0]!["MaxAttempts"] = 21, DiagnosticCodes.RetryPolicy,
            "Steps[1] 'Train' RetryPolicies[0].MaxAttempts", "from 1 to 20, not 21"),
        new BrokenCase("retry expire range", d => { var p = d.Step(1)["RetryPolicies"]![0]!.AsObject(); p.Remove("MaxAttempts"); p["ExpireAfterMin"] = 14401; },
            DiagnosticCodes.RetryPolicy, "Steps[1] 'Train' RetryPolicies[0].ExpireAfterMin", "from 0 to 14400"),
        new BrokenCase("retry both bounds", d => d.Step(1)["RetryPolicies"]![0]!["ExpireAfterMin"] = 10, DiagnosticCodes.RetryPolicy,
            "Steps[1] 'Train' RetryPolicies[0]", "not both"),
        new BrokenCase("retry exception type", d => d.Step(1)["RetryPolicies"]![0]!["ExceptionType"] = new JsonArray("Step.SERVICE_FALUT"), DiagnosticCodes.RetryPolicy,
            "Steps[1] 'Train' RetryPolicies[0].ExceptionType[0]", "did you mean 'Step.SERVICE_FAULT'?"),
        new BrokenCase("retry job type on model step", d => d.IfStep(0)["RetryPolicies"] = Parse("""{"x": [{"ExceptionType": ["SageMaker.CAPACITY_ERROR"], "MaxAttempts": 2}]}""")["x"]!.DeepClone(),
            DiagnosticCodes.RetryPolicy, "Steps[2].Arguments.IfSteps[0] 'Register' RetryPolicies[0].ExceptionType[0]", "applies to job steps"),
        new BrokenCase("retry interval negative", d => d.Step(1)["RetryPolicies"]![0]!["IntervalSeconds"] = -1, DiagnosticCodes.RetryPolicy,
            "Steps[1] 'Train' RetryPolicies[0].IntervalSeconds", "0 or more"),
        new BrokenCase("retry backoff not number", d => d.Step(1)["RetryPolicies"]![0]!["BackoffRate"] = "2", DiagnosticCodes.RetryPolicy,
            "Steps[1] 'Train' RetryPolicies[0].BackoffRate", "must be a number"),
        new BrokenCase("retry exception type missing", d => d.Step(1)["RetryPolicies"]![0]!.AsObject().Remove("ExceptionType"), DiagnosticCodes.RetryPolicy,
            "Steps[1] 'Train' RetryPolicies[0].ExceptionType", "needs an ExceptionType list"),
        new BrokenCase("cache expire", d => d.Step(0)["CacheConfig"]!["ExpireAfter"] = "1 hour", DiagnosticCodes.CacheConfig,
            "Steps[0] 'Prep' CacheConfig.ExpireAfter", "is not an ISO 8601 duration"),
        new BrokenCase("cache enabled missing", d => d.Step(0)["CacheConfig"]!.AsObject().Remove("Enabled"), DiagnosticCodes.CacheConfig,
            "Steps[0] 'Prep' CacheConfig.Enabled", "needs Enabled"),
        new BrokenCase("cycle", d => d.Step(0)["DependsOn"] = new JsonArray("Train"), DiagnosticCodes.Cycle, "Steps[0] 'Prep'", "cycle: Prep → Train → Prep"),
        new BrokenCase("cycle through branch", d => d.Step(0)["DependsOn"] = new JsonArray("Register"), DiagnosticCodes.Cycle, "Steps[0] 'Prep'", "→ Register → Prep"),
        new BrokenCase("metadata not strings", d => d["Metadata"] = new JsonObject { ["k"] = 1 }, DiagnosticCodes.MalformedTopLevel, "(definition) Metadata.k", "must be strings"),
        new BrokenCase("experiment config shape", d => d["PipelineExperimentConfig"] = "exp", DiagnosticCodes.MalformedTopLevel, "(definition) PipelineExperimentConfig", "must be an object"));

    public static TheoryData<BrokenCase> WarningCases => new(
        new BrokenCase("too large", d => d.Step(0)["Description"] = new string('x', 1_100_000), DiagnosticCodes.TooLarge, "(definition)", "PipelineDefinitionS3Location", true),
        new BrokenCase("unknown top-level member", d => d["Step"] = new JsonArray(), DiagnosticCodes.UnknownMember, "(definition) Step", "did you mean 'Steps'?", true),
        new BrokenCase("unknown step member", d => d.Step(1)["DependOn"] = new JsonArray(), DiagnosticCodes.UnknownMember, "Steps[1] 'Train' DependOn", "did you mean 'DependsOn'?", true),
        new BrokenCase("unused parameter", d => d["Parameters"]!.AsArray().Add(Parse("""{"Name": "Unused", "Type": "String"}""")), DiagnosticCodes.UnusedParameter, "Parameters[3] 'Unused'", "no step reads it", true),
        new BrokenCase("not runnable here", d => d["Steps"]!.AsArray().Add(Parse("""{"Name": "E", "Type": "EMR", "Arguments": {"ClusterId": "j-1", "StepConfig": {}}}""")),
            DiagnosticCodes.NotRunnableHere, "Steps[3] 'E' Type", "not on this machine", true),
        new BrokenCase("job name too long", d => d.Step(1).Arguments()["TrainingJobName"] = new string('t', 64), DiagnosticCodes.JobName,
            "Steps[1] 'Train' Arguments.TrainingJobName", "SageMaker allows 63", true),
        new BrokenCase("retry unbounded", d => d.Step(1)["RetryPolicies"]![0]!.AsObject().Remove("MaxAttempts"), DiagnosticCodes.RetryPolicy,
            "Steps[1] 'Train' RetryPolicies[0]", "neither MaxAttempts nor ExpireAfterMin", true),
        new BrokenCase("retry on condition", d => d.Step(2)["RetryPolicies"] = new JsonArray(), DiagnosticCodes.RetryPolicy, "Steps[2] 'Check' RetryPolicies", "ignored", true),
        new BrokenCase("cache without expiry", d => d.Step(0)["CacheConfig"]!.AsObject().Remove("ExpireAfter"), DiagnosticCodes.CacheConfig, "Steps[0] 'Prep' CacheConfig", "never expire", true),
        new BrokenCase("empty branches", d => { d.Step(2).Arguments()["IfSteps"] = new JsonArray(); d.Step(2).Arguments()["ElseSteps"] = new JsonArray(); },
            DiagnosticCodes.ConditionStep, "Steps[2] 'Check' Arguments", "decides nothing", true),
        new BrokenCase("depends on twice", d => d.Step(1)["DependsOn"] = new JsonArray("Prep", "Prep"), DiagnosticCodes.DependsOn, "Steps[1] 'Train' DependsOn[1]", "listed twice", true),
        new BrokenCase("no version", d => d.Remove("Version"), DiagnosticCodes.Version, "(definition) Version", "has no Version", true),
        new BrokenCase("property file output unknown", d => d.Step(0)["PropertyFiles"]![0]!["OutputName"] = "reports", DiagnosticCodes.PropertyFiles,
            "Steps[0] 'Prep' PropertyFiles[0].OutputName", "'reports' is not an OutputName", true),
        new BrokenCase("empty steps", d => d["Steps"] = new JsonArray(), DiagnosticCodes.MalformedStep, "(definition) Steps", "would do nothing", true));

    [Fact]
    public void Validate_BasePipeline_IsValidWithoutWarnings()
    {
        var result = TestDefinitions.Validate(TestDefinitions.Pipeline());

        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        result.IsValid.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Validate_BrokenDefinition_ReportsErrorWithStepAndPath(BrokenCase broken)
    {
        var definition = TestDefinitions.Pipeline();
        broken.Break(definition);

        var result = TestDefinitions.Validate(definition);

        result.IsValid.ShouldBeFalse();
        AssertReported(result, broken, DiagnosticSeverity.Error);
    }

    [Theory]
    [MemberData(nameof(WarningCases))]
    public void Validate_SuspiciousDefinition_WarnsButStaysValid(BrokenCase suspicious)
    {
        var definition = TestDefinitions.Pipeline();
        suspicious.Break(definition);

        var result = TestDefinitions.Validate(definition);

        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        result.IsValid.ShouldBeTrue();
        AssertReported(result, suspicious, DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllInDocumentOrder()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(1)["DependsOn"] = new JsonArray("Nope");
        definition["Parameters"]![1]!["Type"] = "Double";
        definition.IfStep(0)["Name"] = "Prep";

        var result = TestDefinitions.Validate(definition);

        result.Errors.Select(d => d.Code).ShouldBe([DiagnosticCodes.ParameterType, DiagnosticCodes.DependsOn, DiagnosticCodes.DuplicateStep]);
    }

    [Fact]
    public void Validate_TwoIndependentCycles_ReportsEachCycle()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(0)["DependsOn"] = new JsonArray("Train");
        definition["Steps"]!.AsArray().Add(Parse("""{"Name": "A", "Type": "Fail", "DependsOn": ["B"], "Arguments": {}}"""));
        definition["Steps"]!.AsArray().Add(Parse("""{"Name": "B", "Type": "Fail", "DependsOn": ["A"], "Arguments": {}}"""));

        var cycles = TestDefinitions.Validate(definition).Errors.Where(d => d.Code == DiagnosticCodes.Cycle).Select(d => d.Message).ToList();

        cycles.Count.ShouldBe(2);
        cycles[0].ShouldEndWith("Prep → Train → Prep");
        cycles[1].ShouldEndWith("A → B → A");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"Steps\": [}")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"Steps\": [], \"Steps\": []}")]
    public void Validate_NotJson_ReportsOneClearError(string text)
    {
        var result = DefinitionValidator.Validate(text);

        result.Definition.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.NotJson);
        error.Message.ShouldNotContain("Exception");
        error.Message.ShouldNotContain("   at ");
    }

    [Fact]
    public void Validate_TruncatedJson_SaysItEndsEarlyAndWhere()
    {
        var text = TestDefinitions.Pipeline().ToJsonString()[..300];

        var error = DefinitionValidator.Validate(text).Diagnostics.ShouldHaveSingleItem();

        error.Message.ShouldContain("ends early");
        error.Position.ShouldNotBeNull();
    }

    [Fact]
    public void Validate_DuplicateMember_NamesItsPath()
    {
        var error = DefinitionValidator.Validate("{\"Steps\": [{\"Name\": \"a\",\n \"Name\": \"b\"}]}").Diagnostics.ShouldHaveSingleItem();

        error.Path.ShouldBe("Steps[0].Name");
        error.Position.ShouldBe(new TextPosition(2, 2));
    }

    [Theory]
    [InlineData("[]", "a list")]
    [InlineData("3", "a number")]
    [InlineData("\"x\"", "a string")]
    public void Validate_NotAnObject_SaysWhatItIs(string text, string kind)
    {
        var error = DefinitionValidator.Validate(text).Diagnostics.ShouldHaveSingleItem();

        error.Code.ShouldBe(DiagnosticCodes.NotAnObject);
        error.Message.ShouldEndWith(kind);
    }

    private static void AssertReported(ValidationResult result, BrokenCase expected, DiagnosticSeverity severity)
    {
        var all = string.Join("\n", result.Diagnostics);
        var match = result.Diagnostics.FirstOrDefault(d => d.Code == expected.Code && d.Location == expected.Location);
        match.ShouldNotBeNull($"expected {expected.Code} at {expected.Location}; got:\n{all}");
        match.Severity.ShouldBe(severity);
        match.Message.ShouldContain(expected.Message, Case.Sensitive, $"got: {match}");
    }

    private static JsonObject Get(string reference) => new() { ["Get"] = reference };

    private static JsonObject Parse(string json) => TestDefinitions.Parse(json);
}
