namespace Sluice.Config.Reading;

/// <summary>
/// What a configuration value must be once read: how a literal is taken (<c>0.2</c> is the text <c>"0.2"</c> for a
/// <see cref="String"/>, the number 0.2 for a <see cref="Float"/>) and which references fit (an Integer value takes
/// Integer parameters only).
/// </summary>
public enum ValueKind
{
    /// <summary>Text: any scalar is taken as its text; any reference fits; text mixed with references becomes a <c>Std:Join</c>.</summary>
    String,

    /// <summary>An integer; Integer parameters and step properties fit.</summary>
    Integer,

    /// <summary>A number; Integer and Float parameters and step properties fit.</summary>
    Float,

    /// <summary><c>true</c> or <c>false</c>; Boolean parameters and step properties fit.</summary>
    Boolean,

    /// <summary>
    /// Whatever the YAML says: plain scalars are typed as YAML's core schema types them (<c>4</c> an integer, <c>0.5</c>
    /// a number, <c>true</c> a Boolean, quoted text a string), mappings and lists become JSON literals.
    /// </summary>
    Any,
}
