using System.Reflection;
using System.Runtime.Loader;

namespace Sluice.Config.Factories.Assemblies;

/// <summary>
/// The load context of one factory assembly. Assemblies the host has (Sluice.Config, Sluice.Sdk, the runtime) come from
/// the host, so a factory implements the host's <see cref="IStepFactory"/>; the factory's own dependencies come from
/// its folder, as its <c>.deps.json</c> says.
/// </summary>
/// <param name="path">The factory assembly's full path.</param>
internal sealed class FactoryLoadContext(string path) : AssemblyLoadContext($"Sluice.Config factories ({Path.GetFileName(path)})")
{
    private static readonly Lazy<HashSet<string>> HostAssemblyNames = new(() =>
        [.. ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()]);

    private readonly AssemblyDependencyResolver _resolver = new(path);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name
            && (HostAssemblyNames.Value.Contains(name) || Default.Assemblies.Any(a => a.GetName().Name == name)))
        {
            return null;
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } dependency ? LoadFromAssemblyPath(dependency) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } library ? LoadUnmanagedDllFromPath(library) : IntPtr.Zero;
}
