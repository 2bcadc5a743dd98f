using Sluice.Core.Artifacts;
using Sluice.Core.Artifacts.Local;

namespace Sluice.Core.Tests.Artifacts;

/// <summary>The local folder store keeps the object store contract.</summary>
public sealed class LocalObjectStoreTests : ObjectStoreContractTests
{
    protected override IObjectStore CreateStore(string scratch) => new LocalObjectStore(scratch);
}
