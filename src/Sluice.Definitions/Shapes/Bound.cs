namespace Sluice.Definitions.Shapes;

/// <summary>A lower or upper limit from the model: its value, and its text as the model writes it (for messages).</summary>
/// <param name="Value">The limit.</param>
/// <param name="Text">The limit as the model writes it, e.g. <c>100</c>.</param>
public readonly record struct Bound(decimal Value, string Text);
