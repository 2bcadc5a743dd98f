using Sluice.Config.References;

namespace Sluice.Config.Reading;

/// <summary>What reading one file's sections shares: the resolver of values and references, and every section opened, to check for unknown keys at the end.</summary>
internal sealed class ReadContext(ValueResolver resolver)
{
    private readonly List<ConfigSection> _opened = [];

    public ValueResolver Resolver { get; } = resolver;

    public void Opened(ConfigSection section) => _opened.Add(section);

    /// <summary>Fails on the first key a section has that nothing read.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var section in _opened)
        {
            section.RejectUnknownKeys();
        }
    }
}
