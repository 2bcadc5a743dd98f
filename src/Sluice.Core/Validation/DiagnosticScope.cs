namespace Sluice.Definitions.Validation;

/// <summary>Collects diagnostics for one owning element (a step, a parameter, or the document).</summary>
internal readonly struct DiagnosticScope
{
    private readonly List<Diagnostic> _sink;

    public DiagnosticScope(List<Diagnostic> sink, string ownerPath, string? ownerName)
    {
        _sink = sink;
        OwnerPath = ownerPath;
        OwnerName = ownerName;
    }

    public string OwnerPath { get; }

    public string? OwnerName { get; }

    public void Error(string code, string memberPath, string message) =>
        _sink.Add(Diagnostic.Error(code, OwnerPath, OwnerName, memberPath, message));

    public void Warning(string code, string memberPath, string message) =>
        _sink.Add(Diagnostic.Warning(code, OwnerPath, OwnerName, memberPath, message));
}
