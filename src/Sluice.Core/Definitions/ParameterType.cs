namespace Sluice.Definitions;

/// <summary>The types a pipeline parameter may declare.</summary>
public enum ParameterType
{
    /// <summary><c>String</c>, the default when Type is absent.</summary>
    String,

    /// <summary><c>Integer</c>.</summary>
    Integer,

    /// <summary><c>Float</c>.</summary>
    Float,

    /// <summary><c>Boolean</c>.</summary>
    Boolean,
}
