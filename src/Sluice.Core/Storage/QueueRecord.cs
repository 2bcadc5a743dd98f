namespace Sluice.Core.Storage;

/// <summary>A queue: its name, when it was made, and its attributes as SQS names them (only those set).</summary>
/// <param name="Name">The queue's name.</param>
/// <param name="CreationTime">When it was created.</param>
/// <param name="LastModifiedTime">When its attributes last changed.</param>
/// <param name="Attributes">The attributes set on it (e.g. <c>VisibilityTimeout</c> = <c>"60"</c>); see <see cref="QueueSettings"/>.</param>
public sealed record QueueRecord(string Name, DateTimeOffset CreationTime, DateTimeOffset LastModifiedTime, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The settings the attributes give, with SQS's defaults for those not set.</summary>
    public QueueSettings Settings => QueueSettings.From(Attributes);
}
