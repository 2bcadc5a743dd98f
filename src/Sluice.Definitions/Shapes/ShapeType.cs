namespace Sluice.Definitions.Shapes;

/// <summary>The type of a shape in a service model, as botocore names it.</summary>
public enum ShapeType
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number that fits a 32-bit integer.</summary>
    Integer,

    /// <summary>A JSON number that fits a 64-bit integer.</summary>
    Long,

    /// <summary>A JSON number.</summary>
    Float,

    /// <summary>A JSON number.</summary>
    Double,

    /// <summary>JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Epoch seconds as a JSON number (an ISO 8601 string is accepted too).</summary>
    Timestamp,

    /// <summary>Base64 text in a JSON string.</summary>
    Blob,

    /// <summary>A JSON object with named members.</summary>
    Structure,

    /// <summary>A JSON array.</summary>
    List,

    /// <summary>A JSON object with free keys.</summary>
    Map,
}
