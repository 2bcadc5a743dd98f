using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Graph;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// Compiles a SageMaker pipeline definition into an AWS Step Functions state machine (Amazon States Language), with
/// the AWS Batch job definitions it uses and a CloudFormation template creating them. See docs/stepfunctions.md for the
/// mapping of every step type and expression.
/// </summary>
public static class StepFunctionsExporter
{
    /// <summary>The first state: it merges the execution input's parameters over the defaults.</summary>
    public const string StartState = "Sluice.Start";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,

        // Definitions may nest 512 deep, and Parallel states add levels of their own.
        MaxDepth = 4096,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes a part of an export as indented JSON without escaping quotes and other characters that JSON allows as they
    /// are, so that intrinsic functions read as written (ASL parsers that read the text, such as moto's, need that).
    /// </summary>
    /// <param name="node">The JSON.</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string ToJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(Indented) + "\n";
    }

    /// <summary>The Python bootstrap every Batch job runs (needs python3 and boto3 in the image).</summary>
    public static string BatchBootstrap => BatchJobs.Bootstrap;

    /// <summary>Exports a definition (which should have passed validation).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="options">How to export.</param>
    /// <returns>The state machine, job definitions, template and README.</returns>
    /// <exception cref="StepFunctionsExportException">The definition cannot be exported faithfully; every problem is listed.</exception>
    public static StepFunctionsExport Export(PipelineDefinition definition, StepFunctionsExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        var graph = PipelineGraph.Build(definition);
        if (graph.TopologicalOrder() is null)
        {
            throw new StepFunctionsExportException("the steps form a cycle; run 'sluice validate' to see it");
        }

        var context = new ExportContext(definition, options);
        var names = new StepNames(context);
        var translator = new ExpressionTranslator(context, names);
        var batch = new BatchJobs(context, names, translator);
        var steps = new StepStates(context, names, translator, batch);
        var plan = new ScopePlan(context, graph);
        var builder = new StateMachineBuilder(context, plan, steps, new ChoiceRules(context, translator));
        var body = builder.Scope(null, ConditionBranch.If);
        if (context.Errors.Count > 0)
        {
            throw new StepFunctionsExportException(context.Errors);
        }

        var machine = Start(definition, names);
        if (body is not null)
        {
            if (machine.Terminal)
            {
                throw new InvalidOperationException("the start states cannot end the execution");
            }

            machine = machine.Then(body);
        }

        var stateMachine = machine.Close();
        StateNameRules.Check(stateMachine, context);
        if (context.Errors.Count > 0)
        {
            throw new StepFunctionsExportException(context.Errors);
        }

        stateMachine.Insert(0, "Comment", $"SageMaker pipeline '{options.PipelineName}' exported by Sluice (compute: {options.Compute.ToString().ToLowerInvariant()})");
        var jobDefinitions = batch.Definitions;
        var export = new StepFunctionsExport
        {
            StateMachine = stateMachine,
            JobDefinitions = jobDefinitions,
            Template = CloudFormationTemplate.Build(definition, options, stateMachine, jobDefinitions),
            Readme = string.Empty,
            Approximations = context.Approximations,
            Notes = context.Notes,
            SampleInput = SampleInput(definition),
        };
        return export with { Readme = ExportReadme.Write(export, options, definition) };
    }

    /// <summary>The execution input with every parameter at its default (required parameters as empty strings).</summary>
    private static JsonObject SampleInput(PipelineDefinition definition)
    {
        var parameters = new JsonObject();
        foreach (var parameter in definition.Parameters)
        {
            parameters[parameter.Name] = parameter.DefaultValue is { } value ? JsonNode.Parse(value.GetRawText()) : string.Empty;
        }

        return new JsonObject { ["Parameters"] = parameters };
    }

    private static Fragment Start(PipelineDefinition definition, StepNames names)
    {
        var defaults = new JsonObject();
        foreach (var parameter in definition.Parameters)
        {
            if (parameter.DefaultValue is { ValueKind: not JsonValueKind.Null } value)
            {
                defaults[parameter.Name] = JsonNode.Parse(value.GetRawText());
            }
        }

        var check = new JsonObject
        {
            ["Type"] = "Choice",
            ["Choices"] = new JsonArray(new JsonObject { ["Variable"] = "$.Parameters", ["IsPresent"] = true, ["Next"] = "Sluice.Defaults" }),
            ["Default"] = "Sluice.NoParameters",
        };
        var none = new JsonObject { ["Type"] = "Pass", ["Result"] = new JsonObject(), ["ResultPath"] = "$.Parameters", ["Next"] = "Sluice.Defaults" };
        var withDefaults = new JsonObject { ["Type"] = "Pass", ["Result"] = defaults, ["ResultPath"] = "$.Defaults", ["Next"] = StartState };
        var start = new JsonObject
        {
            ["Type"] = "Pass",
            ["Parameters"] = new JsonObject
            {
                ["Parameters.$"] = "States.JsonMerge($.Defaults, $.Parameters, false)",
                ["Names"] = names.InitialNames(),
                ["Steps"] = new JsonObject(),
                ["Files"] = new JsonObject(),
                ["Operands"] = new JsonObject(),
            },
        };
        var states = new List<KeyValuePair<string, JsonObject>>
        {
            new("Sluice.CheckInput", check),
            new("Sluice.NoParameters", none),
            new("Sluice.Defaults", withDefaults),
            new(StartState, start),
        };
        var open = new List<JsonObject> { start };
        var required = definition.Parameters.Where(p => p.DefaultValue is null or { ValueKind: JsonValueKind.Null }).ToList();
        if (required.Count > 0)
        {
            var present = new JsonArray([.. required.Select(p => (JsonNode)new JsonObject { ["Variable"] = AslText.Member("$.Parameters", p.Name), ["IsPresent"] = true })]);
            var requiredCheck = new JsonObject
            {
                ["Type"] = "Choice",
                ["Choices"] = new JsonArray(new JsonObject { ["Not"] = new JsonObject { ["And"] = present }, ["Next"] = "Sluice.MissingParameters" }),
            };
            start["Next"] = "Sluice.RequiredParameters";
            states.Add(new("Sluice.RequiredParameters", requiredCheck));
            states.Add(new("Sluice.MissingParameters", new JsonObject
            {
                ["Type"] = "Fail",
                ["Error"] = "Sluice.MissingParameters",
                ["Cause"] = "these parameters have no default and must be given in the execution input's Parameters: " + string.Join(", ", required.Select(p => p.Name)),
            }));
            open = [requiredCheck];
            return Fragment.Of("Sluice.CheckInput", states, open).WithChoiceDefault(requiredCheck);
        }

        return Fragment.Of("Sluice.CheckInput", states, open);
    }
}
