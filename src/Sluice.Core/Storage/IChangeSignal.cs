namespace Sluice.Core.Storage;

/// <summary>
/// A wake-up between servers sharing a store: a server that stored a change of an execution says so, and every other
/// server listening hears the execution's ARN and reads the store again. Never the truth: a signal may be late or lost
/// (then the listener is told to read everything again), and what a listener shows is always what it read from the
/// store. A backend only one process uses (SQLite) has none.
/// </summary>
public interface IChangeSignal
{
    /// <summary>Tells the other servers that these executions changed (after the changes are stored).</summary>
    /// <param name="sender">Who sends it, so that it can ignore its own signals.</param>
    /// <param name="executionArns">The executions that changed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the signal is sent.</returns>
    Task SignalChangesAsync(string sender, IReadOnlyCollection<string> executionArns, CancellationToken cancellationToken);

    /// <summary>
    /// Listens until <paramref name="cancellationToken"/> is cancelled: <paramref name="changed"/> gets each signalled
    /// ARN with its sender; <paramref name="lost"/> is called whenever signals may have been missed (the connection
    /// dropped and was made again, and once when listening starts), so the listener reads everything again.
    /// </summary>
    /// <param name="changed">Called with (sender, execution ARN) per signal.</param>
    /// <param name="lost">Called when signals may have been missed.</param>
    /// <param name="cancellationToken">Ends listening.</param>
    /// <returns>A task that ends when listening is cancelled.</returns>
    Task ListenAsync(Action<string, string> changed, Action lost, CancellationToken cancellationToken);
}
