using Sluice.Config.Loading;
using Sluice.Config.References;
using Sluice.Definitions;
using YamlDotNet.RepresentationModel;

namespace Sluice.Config.Reading;

/// <summary>
/// A mapping in a configuration file, read key by key into a factory's config model. Every read names the key it
/// wants, so that when the model is read, a key nothing asked for is reported as unknown; every problem is a
/// <see cref="PipelineConfigException"/> naming the file, the line and the key (<c>inputs[0].source</c>).
/// </summary>
/// <remarks>
/// Values may hold references (<c>${parameters.X}</c>, <c>${shared.x}</c>, <c>${steps.S.path}</c>,
/// <c>${execution.X}</c>): the <c>Value</c> methods resolve them to Sluice.Sdk values; the <c>Text</c>, number and flag
/// methods take only what is known when the pipeline is built (literals and <c>${shared...}</c>). A value that is
/// exactly <c>${shared.key}</c> stands for the shared configuration's node, so a whole mapping or list can be shared.
/// </remarks>
public sealed partial class ConfigSection
{
    private readonly Located _at;
    private readonly YamlMappingNode _mapping;
    private readonly ReadContext _context;
    private readonly List<string> _known = [];

    internal ConfigSection(Located at, string keyPath, ReadContext context)
    {
        _at = at;
        _mapping = at.Node as YamlMappingNode ?? throw at.Error(keyPath, "expected a mapping of keys to values");
        KeyPath = keyPath;
        _context = context;
        context.Opened(this);
    }

    /// <summary>The file the mapping is in, as messages show it.</summary>
    public string File => _at.File.Path;

    /// <summary>The line the mapping starts on.</summary>
    public int Line => _at.Line;

    /// <summary>The mapping's key path, e.g. <c>inputs[0]</c>; empty for a file's top level.</summary>
    public string KeyPath { get; }

    /// <summary>The keys the mapping has, in order.</summary>
    public IReadOnlyList<string> Keys => [.. _mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty)];

    internal ValueResolver Resolver => _context.Resolver;

    /// <summary>Whether the mapping has a value for <paramref name="key"/> (a key with an empty or <c>null</c> value has none); the key counts as known.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when the key has a value.</returns>
    public bool Has(string key) => TryGet(key, out _);

    /// <summary>An error at a key: at its value's line when it has one, else at the mapping's.</summary>
    /// <param name="key">The key.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The exception, to throw.</returns>
    public PipelineConfigException Error(string key, string problem) =>
        TryGet(key, out var value) ? value.Error(PathOf(key), problem) : _at.Error(PathOf(key), problem);

    /// <summary>An error about the mapping as a whole.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The exception, to throw.</returns>
    public PipelineConfigException Error(string problem) => _at.Error(KeyPath, problem);

    /// <summary>The error for a key that must be given and is not.</summary>
    /// <param name="key">The key.</param>
    /// <param name="alternative">Where else the value may come from, e.g. <c>or set defaults.image_uri in the shared configuration</c>.</param>
    /// <returns>The exception, to throw.</returns>
    public PipelineConfigException Missing(string key, string? alternative = null)
    {
        var unread = Keys.Where(k => !_known.Contains(k)).ToList();
        var misspelt = Spelling.Closest(key, unread);
        var hint = misspelt is null ? string.Empty : $" ('{misspelt}' is not a key; did you mean '{key}'?)";
        var where = KeyPath.Length == 0 ? string.Empty : $" in {KeyPath}";
        var at = misspelt is null ? _at : _at with { Node = _mapping.Children.Keys.First(k => k is YamlScalarNode { Value: { } name } && name == misspelt) };
        return at.Error(PathOf(key), $"missing: '{key}' is required{where}{(alternative is null ? string.Empty : $" ({alternative})")}{hint}");
    }

    /// <summary>A nested mapping.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The mapping.</returns>
    public ConfigSection Section(string key) => OptionalSection(key) ?? throw Missing(key);

    /// <summary>A nested mapping, when given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The mapping, or <see langword="null"/>.</returns>
    public ConfigSection? OptionalSection(string key) =>
        TryGet(key, out var value) ? new ConfigSection(value, PathOf(key), _context) : null;

    /// <summary>A list of mappings (e.g. <c>inputs</c>); empty when not given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The mappings, in order.</returns>
    public IReadOnlyList<ConfigSection> Sections(string key) =>
        [.. Items(key).Select(item => new ConfigSection(item.Value, item.Path, _context))];

    /// <summary>A mapping of names to mappings (e.g. training channels by name), in order; empty when not given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The named mappings.</returns>
    public IReadOnlyList<KeyValuePair<string, ConfigSection>> NamedSections(string key) =>
        [.. Entries(key).Select(e => new KeyValuePair<string, ConfigSection>(e.Name, new ConfigSection(e.Value, $"{PathOf(key)}.{e.Name}", _context)))];

    /// <summary>Fails on the first key nothing read.</summary>
    internal void RejectUnknownKeys()
    {
        foreach (var (keyNode, _) in _mapping.Children)
        {
            var at = _at with { Node = keyNode };
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                throw at.Error(KeyPath, "keys must be plain text");
            }

            if (!_known.Contains(name))
            {
                var known = _known.Count == 0 ? "none" : string.Join(", ", _known);
                throw at.Error(PathOf(name), $"unknown key{Spelling.Hint(name, _known)}; known keys here: {known}");
            }
        }
    }

    /// <summary>A list of texts with the line each is written on.</summary>
    internal IReadOnlyList<(string Text, int Line)> TextsWithLines(string key) =>
        [.. Items(key).Select(item => (Resolver.Text(item.Value, item.Path), item.Value.Line))];

    /// <summary>The key's value, for readers in this assembly that open sections with a context of their own.</summary>
    internal Located? Find(string key) => TryGet(key, out var value) ? value : null;

    /// <summary>The key path of a key of this mapping.</summary>
    internal string PathOf(string key) => KeyPath.Length == 0 ? key : $"{KeyPath}.{key}";

    /// <summary>Finds a key's value (following a whole <c>${shared...}</c> reference); <see langword="false"/> when absent or null.</summary>
    internal bool TryGet(string key, out Located value)
    {
        if (!_known.Contains(key))
        {
            _known.Add(key);
        }

        foreach (var (keyNode, node) in _mapping.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } name } && name == key)
            {
                value = Resolver.Deref(_at with { Node = node }, PathOf(key));
                return !ValueResolver.IsNull(value.Node);
            }
        }

        value = default;
        return false;
    }

    /// <summary>The items of a list, each with its key path (a single value counts as a list of one); empty when not given.</summary>
    private List<(Located Value, string Path)> Items(string key)
    {
        if (!TryGet(key, out var value))
        {
            return [];
        }

        if (value.Node is not YamlSequenceNode list)
        {
            return [(value, PathOf(key))];
        }

        return [.. list.Children.Select((item, i) =>
        {
            var path = $"{PathOf(key)}[{i}]";
            var located = Resolver.Deref(value with { Node = item }, path);
            return ValueResolver.IsNull(located.Node) ? throw located.Error(path, "the item is empty") : (located, path);
        })];
    }

    /// <summary>The entries of a mapping, by name, in order; empty when not given.</summary>
    private IEnumerable<(string Name, Located Value)> Entries(string key)
    {
        if (!TryGet(key, out var value))
        {
            return [];
        }

        if (value.Node is not YamlMappingNode mapping)
        {
            throw value.Error(PathOf(key), "expected a mapping of names to values");
        }

        return mapping.Children.Select(entry =>
        {
            var keyAt = value with { Node = entry.Key };
            var name = entry.Key is YamlScalarNode { Value: { Length: > 0 } text } ? text : throw keyAt.Error(PathOf(key), "names must be plain text");
            var located = Resolver.Deref(value with { Node = entry.Value }, $"{PathOf(key)}.{name}");
            return ValueResolver.IsNull(located.Node) ? throw located.Error($"{PathOf(key)}.{name}", "the value is empty") : (name, located);
        });
    }
}
