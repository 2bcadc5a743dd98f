namespace Sluice.Config.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string DiabetesConfig => Path.Combine(Root, "examples", "diabetes", "config");

    public static string DiabetesDefinition => Path.Combine(Root, "examples", "diabetes", "pipeline.json");

    /// <summary>The assembly of custom factories built with the tests (tests/Sluice.Config.Tests.Factories).</summary>
    public static string FactoryAssembly => Path.Combine(AppContext.BaseDirectory, "factories", "Sluice.Config.Tests.Factories.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Sluice.slnx) was not found above the test output.");
    }
}
