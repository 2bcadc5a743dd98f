using System.Collections.Concurrent;
using System.Reflection;

namespace Sluice.Config.Factories.Assemblies;

/// <summary>
/// Loads the assemblies of custom step factories, each into a <see cref="FactoryLoadContext"/> of its own, once per
/// process and path.
/// </summary>
internal static class FactoryAssemblyLoader
{
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The assembly at a path.</summary>
    /// <exception cref="FileNotFoundException">When there is no such file.</exception>
    /// <exception cref="BadImageFormatException">When the file is not a .NET assembly.</exception>
    public static Assembly Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"no such file: {full}", full);
        }

        var lazy = Loaded.GetOrAdd(full, p => new Lazy<Assembly>(() => new FactoryLoadContext(p).LoadFromAssemblyPath(p)));
        try
        {
            return lazy.Value;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            Loaded.TryRemove(full, out _);
            throw;
        }
    }
}
