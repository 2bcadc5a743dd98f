namespace Sluice.Core.Storage;

/// <summary>A message to send to a queue.</summary>
/// <param name="Body">The body.</param>
/// <param name="MessageAttributes">The message attributes as the API keeps them (opaque to the store), or null.</param>
/// <param name="Delay">How long the message stays hidden after it is sent; null takes the queue's <c>DelaySeconds</c>.</param>
public sealed record QueueMessage(string Body, string? MessageAttributes = null, TimeSpan? Delay = null);
