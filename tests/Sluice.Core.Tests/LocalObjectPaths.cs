using Sluice.Core.Artifacts;
using Sluice.Core.Artifacts.Local;

namespace Sluice.Core.Tests;

/// <summary>
/// Where an engine's object lives on disk, for tests that put data in or look at results directly. Tests run engines
/// over the local object store only, so the cast states an assumption of the tests, never of the code under test.
/// </summary>
internal static class LocalObjectPaths
{
    /// <summary>The file or folder of an s3:// URI in the local store.</summary>
    public static string PathOf(this IObjectStore store, string s3Uri) => ((LocalObjectStore)store).PathOf(s3Uri);
}
