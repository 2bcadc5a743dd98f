namespace Sluice.Definitions.Validation;

/// <summary>
/// The stable codes of Sluice's diagnostics, grouped by hundreds: 0xx the document, 1xx parameters, 2xx steps,
/// 3xx references and expressions, 4xx conditions, 5xx retry and cache settings, 6xx the graph.
/// docs/diagnostics.md explains each one.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The text is not JSON, is truncated, or has duplicate members.</summary>
    public const string NotJson = "SLU001";

    /// <summary>The document is not a JSON object.</summary>
    public const string NotAnObject = "SLU002";

    /// <summary>The definition is longer than SageMaker accepts inline (1,048,576 characters).</summary>
    public const string TooLarge = "SLU003";

    /// <summary>Version is not "2020-12-01".</summary>
    public const string Version = "SLU004";

    /// <summary>A member SageMaker does not define; most likely a misspelling.</summary>
    public const string UnknownMember = "SLU005";

    /// <summary>Metadata or PipelineExperimentConfig has the wrong shape.</summary>
    public const string MalformedTopLevel = "SLU006";

    /// <summary>A string or member name is not valid Unicode: a lone surrogate escape, or bytes that are not UTF-8.</summary>
    public const string InvalidUnicode = "SLU007";

    /// <summary>Parameters or one parameter has the wrong shape.</summary>
    public const string MalformedParameter = "SLU100";

    /// <summary>A parameter name breaks <c>^[A-Za-z0-9\-_]{1,64}$</c>.</summary>
    public const string ParameterName = "SLU101";

    /// <summary>Two parameters share a name.</summary>
    public const string DuplicateParameter = "SLU102";

    /// <summary>A parameter Type is not String, Integer, Float or Boolean.</summary>
    public const string ParameterType = "SLU103";

    /// <summary>A DefaultValue does not match the parameter's Type.</summary>
    public const string ParameterDefault = "SLU104";

    /// <summary>EnumValues is malformed, on a non-String parameter, or does not hold the default.</summary>
    public const string ParameterEnum = "SLU105";

    /// <summary>A parameter is declared but never read.</summary>
    public const string UnusedParameter = "SLU106";

    /// <summary>Steps is missing or is not a list, or a step is not an object.</summary>
    public const string MalformedStep = "SLU200";

    /// <summary>A step name is missing or breaks <c>^[A-Za-z0-9\-_]{1,64}$</c>.</summary>
    public const string StepName = "SLU201";

    /// <summary>Two steps share a name, nested steps included.</summary>
    public const string DuplicateStep = "SLU202";

    /// <summary>A step Type is missing or unknown.</summary>
    public const string StepType = "SLU203";

    /// <summary>A step's Arguments are missing or have the wrong shape.</summary>
    public const string StepArguments = "SLU204";

    /// <summary>DependsOn is malformed, names an unknown step or the step itself.</summary>
    public const string DependsOn = "SLU205";

    /// <summary>A Lambda or Callback step's FunctionArn, SqsQueueUrl or OutputParameters are wrong.</summary>
    public const string StepOutputs = "SLU206";

    /// <summary>A Processing step's PropertyFiles are wrong.</summary>
    public const string PropertyFiles = "SLU207";

    /// <summary>A Fail step's ErrorMessage is not a string or an expression.</summary>
    public const string FailMessage = "SLU208";

    /// <summary>A Condition step's Conditions, IfSteps or ElseSteps are malformed.</summary>
    public const string ConditionStep = "SLU209";

    /// <summary>A step type SageMaker runs but this machine cannot.</summary>
    public const string NotRunnableHere = "SLU210";

    /// <summary>A job name in the Arguments is longer than SageMaker's 63 characters.</summary>
    public const string JobName = "SLU211";

    /// <summary>A job step's LocalPath is not a folder plainly under its SageMaker root (/opt/ml/processing/, /opt/ml/).</summary>
    public const string LocalPath = "SLU212";

    /// <summary>Two of a Processing step's inputs and outputs share a LocalPath, or one is inside another.</summary>
    public const string LocalPathOverlap = "SLU213";

    /// <summary>An expression is malformed.</summary>
    public const string MalformedExpression = "SLU300";

    /// <summary>A reference to a parameter that is not declared.</summary>
    public const string UnknownParameter = "SLU301";

    /// <summary>A reference to a step that does not exist, or to the step itself.</summary>
    public const string UnknownStep = "SLU302";

    /// <summary>A reference to a property file the step does not declare.</summary>
    public const string UnknownPropertyFile = "SLU303";

    /// <summary>A reference to an unknown execution variable, or one used outside its step type.</summary>
    public const string ExecutionVariable = "SLU304";

    /// <summary>A reference to an unknown PipelineExperimentConfig member.</summary>
    public const string ExperimentConfig = "SLU305";

    /// <summary>A reference to an output parameter the step does not declare.</summary>
    public const string UnknownOutput = "SLU306";

    /// <summary>A step property path that the step's type does not have.</summary>
    public const string PropertyPath = "SLU307";

    /// <summary>A condition is malformed or has an unknown Type.</summary>
    public const string MalformedCondition = "SLU400";

    /// <summary>RetryPolicies are malformed or out of range.</summary>
    public const string RetryPolicy = "SLU500";

    /// <summary>CacheConfig is malformed, or ExpireAfter is not an ISO 8601 duration.</summary>
    public const string CacheConfig = "SLU510";

    /// <summary>The steps' dependencies form a cycle.</summary>
    public const string Cycle = "SLU600";
}
