using Sluice.Definitions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// What a step's translation needs before its own state runs: documents to read from S3 (<c>Std:JsonGet</c>) and
/// values a Choice or Fail state cannot compute inline.
/// </summary>
internal sealed class StepScratch(StepDefinition step)
{
    public StepDefinition Step { get; } = step;

    /// <summary>S3 reads: the slot under <c>$.Files</c>, the bucket and the key.</summary>
    public List<(string Slot, AslValue Bucket, AslValue Key)> Reads { get; } = [];

    /// <summary>Computed values: the slot under <c>$.Operands</c> and the expression.</summary>
    public List<(string Slot, string Expression)> Operands { get; } = [];
}
