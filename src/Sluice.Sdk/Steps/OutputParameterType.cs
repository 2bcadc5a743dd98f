namespace Sluice.Sdk.Steps;

/// <summary>The type of a Lambda or Callback step's output parameter.</summary>
public enum OutputParameterType
{
    /// <summary><c>String</c>.</summary>
    String,

    /// <summary><c>Integer</c>.</summary>
    Integer,

    /// <summary><c>Boolean</c>.</summary>
    Boolean,

    /// <summary><c>Float</c>.</summary>
    Float,
}
