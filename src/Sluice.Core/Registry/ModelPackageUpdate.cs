namespace Sluice.Core.Registry;

/// <summary>What an UpdateModelPackage changes; a <see langword="null"/> member is left as it is.</summary>
/// <param name="ApprovalStatus">The new ModelApprovalStatus.</param>
/// <param name="ApprovalDescription">The new ApprovalDescription.</param>
/// <param name="MetadataToSet">CustomerMetadataProperties to add or replace.</param>
/// <param name="MetadataToRemove">CustomerMetadataProperties keys to remove (after adding).</param>
public sealed record ModelPackageUpdate(
    string? ApprovalStatus,
    string? ApprovalDescription,
    IReadOnlyDictionary<string, string> MetadataToSet,
    IReadOnlyList<string> MetadataToRemove);
