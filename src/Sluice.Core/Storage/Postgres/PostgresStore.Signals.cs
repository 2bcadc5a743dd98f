using Dapper;
using Npgsql;

namespace Sluice.Core.Storage.Postgres;

/// <summary>
/// Change signals between servers through LISTEN/NOTIFY on one channel: a wake-up only, each payload
/// <c>sender</c>, a newline and one execution ARN; listeners read the store again.
/// </summary>
public sealed partial class PostgresStore : IChangeSignal
{
    /// <summary>The channel of change signals.</summary>
    private const string Channel = "sluice_changes";

    /// <inheritdoc/>
    public Task SignalChangesAsync(string sender, IReadOnlyCollection<string> executionArns, CancellationToken cancellationToken) =>
        executionArns.Count == 0
            ? Task.CompletedTask
            : ReadAsync(
                connection => connection.ExecuteAsync(Command(
                    $"SELECT pg_notify('{Channel}', @Sender || chr(10) || arn) FROM unnest(@Arns) AS arn;",
                    new { Sender = sender, Arns = executionArns.ToArray() },
                    cancellationToken)),
                cancellationToken);

    /// <inheritdoc/>
    public async Task ListenAsync(Action<string, string> changed, Action lost, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) =>
                {
                    var split = e.Payload.IndexOf('\n', StringComparison.Ordinal);
                    if (split > 0)
                    {
                        changed(e.Payload[..split], e.Payload[(split + 1)..]);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                lost(); // anything signalled before LISTEN took effect was missed
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException)
            {
                // the connection dropped: listen again shortly; the next lost() makes listeners read everything again
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
