namespace Sluice.Config.Shared;

/// <summary>An assembly of step factories the shared configuration names in <c>factory_assemblies</c>.</summary>
/// <param name="Path">The assembly's full path (a relative path in the file is relative to the file's folder).</param>
/// <param name="File">The shared configuration file, for messages.</param>
/// <param name="Line">The line the path is written on.</param>
public sealed record FactoryAssemblyReference(string Path, string File, int Line);
