using System.Text.Json;
using Sluice.Definitions;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Definitions.Tests.Expressions.Evaluation;

/// <summary>An evaluation context over dictionaries, with an in-memory object store of JSON texts by URI.</summary>
internal sealed class FakeEvaluationContext : IEvaluationContext
{
    public Dictionary<string, JsonElement> Parameters { get; } = [];

    public Dictionary<string, JsonElement> Variables { get; } = [];

    public Dictionary<string, JsonElement> ExperimentConfig { get; } = [];

    public Dictionary<string, StepDefinition> Steps { get; } = [];

    public Dictionary<string, JsonElement> Properties { get; } = [];

    /// <summary>The object store: URI → document text.</summary>
    public Dictionary<string, string> Objects { get; } = [];

    /// <summary>Every URI read, in order.</summary>
    public List<string> Reads { get; } = [];

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public FakeEvaluationContext Parameter(string name, string json)
    {
        Parameters[name] = Json(json);
        return this;
    }

    public FakeEvaluationContext Variable(string name, string json)
    {
        Variables[name] = Json(json);
        return this;
    }

    public FakeEvaluationContext Step(string name, string propertiesJson, params PropertyFileDefinition[] propertyFiles)
    {
        Steps[name] = new StepDefinition
        {
            Path = $"Steps[{Steps.Count}]",
            Name = name,
            TypeName = "Processing",
            Type = StepType.Processing,
            Source = Json($$"""{"Name": "{{name}}", "Type": "Processing"}"""),
            PropertyFiles = propertyFiles,
        };
        if (propertiesJson.Length > 0)
        {
            Properties[name] = Json(propertiesJson);
        }

        return this;
    }

    public FakeEvaluationContext Object(string uri, string json)
    {
        Objects[uri] = json;
        return this;
    }

    public bool TryGetParameter(string name, out JsonElement value) => Parameters.TryGetValue(name, out value);

    public bool TryGetExecutionVariable(string name, out JsonElement value) => Variables.TryGetValue(name, out value);

    public bool TryGetExperimentConfig(string name, out JsonElement value) => ExperimentConfig.TryGetValue(name, out value);

    public StepDefinition? FindStep(string name) => Steps.GetValueOrDefault(name);

    public bool TryGetStepProperties(string stepName, out JsonElement properties) => Properties.TryGetValue(stepName, out properties);

    public async Task<JsonElement> ReadJsonAsync(string s3Uri, CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        Reads.Add(s3Uri);
        if (!Objects.TryGetValue(s3Uri, out var text))
        {
            throw new FileNotFoundException($"NoSuchKey: no object at {s3Uri}");
        }

        return Json(text);
    }
}
