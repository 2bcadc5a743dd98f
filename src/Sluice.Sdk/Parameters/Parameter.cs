using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Parameters;

/// <summary>
/// A pipeline parameter: declared in the definition's <c>Parameters</c>, given a value when an execution starts, and
/// read as <c>{"Get": "Parameters.&lt;name&gt;"}</c>.
/// </summary>
public abstract class Parameter : PipelineVariable
{
    private protected Parameter(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The parameter's name.</summary>
    public string Name { get; }

    /// <summary>The parameter's type as the definition writes it: <c>String</c>, <c>Integer</c>, <c>Float</c> or <c>Boolean</c>.</summary>
    public abstract string ParameterType { get; }

    /// <summary>The declaration in the definition's <c>Parameters</c>.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToDeclaration()
    {
        var declaration = new JsonObject { ["Name"] = Name, ["Type"] = ParameterType };
        declaration.Put("DefaultValue", DefaultJson());
        WriteExtra(declaration);
        return declaration;
    }

    /// <summary>Whether the parameter has a default value; without one, every execution must give a value.</summary>
    internal bool HasDefault => DefaultJson() is not null;

    /// <summary>The default value as JSON, when there is one.</summary>
    private protected abstract JsonNode? DefaultJson();

    /// <summary>Adds members that follow the default value.</summary>
    private protected virtual void WriteExtra(JsonObject declaration)
    {
    }

    internal override JsonNode Write(BuildContext context) => new JsonObject { ["Get"] = $"Parameters.{Name}" };
}
