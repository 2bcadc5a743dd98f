namespace Sluice.Config.Reading;

/// <summary>Values known when the pipeline is built: literals, and <c>${shared...}</c> references.</summary>
public sealed partial class ConfigSection
{
    /// <summary>Text that must be given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The text, with <c>${shared...}</c> references replaced.</returns>
    public string Text(string key) => OptionalText(key) ?? throw Missing(key);

    /// <summary>Text, when given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public string? OptionalText(string key) => TryGet(key, out var value) ? Resolver.Text(value, PathOf(key)) : null;

    /// <summary>An integer that must be given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The integer.</returns>
    public int Integer(string key) => OptionalInteger(key) ?? throw Missing(key);

    /// <summary>An integer, when given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The integer, or <see langword="null"/>.</returns>
    public int? OptionalInteger(string key) => TryGet(key, out var value) ? Resolver.Integer(value, PathOf(key)) : null;

    /// <summary>A number, when given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The number, or <see langword="null"/>.</returns>
    public double? OptionalFloat(string key) => TryGet(key, out var value) ? Resolver.Float(value, PathOf(key)) : null;

    /// <summary><c>true</c> or <c>false</c>, when given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The flag, or <see langword="null"/>.</returns>
    public bool? OptionalBoolean(string key) => TryGet(key, out var value) ? Resolver.Boolean(value, PathOf(key)) : null;

    /// <summary>A list of texts (a single text counts as a list of one); empty when not given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The texts, in order.</returns>
    public IReadOnlyList<string> Texts(string key) =>
        [.. Items(key).Select(item => Resolver.Text(item.Value, item.Path))];

    /// <summary>A mapping of names to texts (e.g. tags), in order; empty when not given.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> TextMap(string key) =>
        [.. Entries(key).Select(e => new KeyValuePair<string, string>(e.Name, Resolver.Text(e.Value, $"{PathOf(key)}.{e.Name}")))];
}
