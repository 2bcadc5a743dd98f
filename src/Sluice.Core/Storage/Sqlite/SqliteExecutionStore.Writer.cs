using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>
/// The write path: group commit over the one write connection. Callers queue their writes; one loop takes everything
/// queued, runs each write in a savepoint of its own inside one transaction, commits once, and only then completes the
/// callers. While it commits, the next writes queue up, so under load many writes share one fsync; alone, a write is
/// one transaction as before.
/// </summary>
public sealed partial class SqliteExecutionStore
{
    /// <summary>The most writes one transaction takes, so that a long queue still commits every so often.</summary>
    private const int MaxWritesPerTransaction = 256;

    /// <summary>The savepoint each write of a shared transaction runs in (released before the next one starts).</summary>
    private const string WriteSavepoint = "sluice_write";

    private readonly Channel<PendingWrite> writes =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task writerLoop;
    private SqliteConnection? writeConnection;
    private long committedTransactions;
    private long committedWrites;
    private int queuedWrites;

    /// <summary>Gets how many transactions the write loop has committed (diagnostics and tests).</summary>
    internal long CommittedTransactions => Interlocked.Read(ref committedTransactions);

    /// <summary>Gets how many writes those transactions held.</summary>
    internal long CommittedWrites => Interlocked.Read(ref committedWrites);

    /// <summary>Gets how many writes are queued and not yet taken by the write loop (tests).</summary>
    internal int QueuedWrites => Volatile.Read(ref queuedWrites);

    /// <summary>
    /// Runs a write on the write connection inside a transaction, possibly shared with other writes (each in its own
    /// savepoint); completes once that transaction is committed. A write that throws is rolled back alone and its
    /// caller gets the exception. A write must only touch the database through the connection it is given.
    /// </summary>
    internal Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(write, beforeTransaction: null, cancellationToken);

    private Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> write,
        Func<SqliteConnection, Task>? beforeTransaction,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var pending = new PendingWrite<T>(write, beforeTransaction, cancellationToken);
        Interlocked.Increment(ref queuedWrites);
        if (!writes.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref queuedWrites);
            pending.Dispose();
            throw new ObjectDisposedException(GetType().FullName);
        }

        return pending.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>();
        while (await writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxWritesPerTransaction && writes.Reader.TryPeek(out var next))
            {
                // A write that must run before its transaction begins (InitializeAsync) runs alone.
                if (next.BeforeTransaction is not null && batch.Count > 0)
                {
                    break;
                }

                writes.Reader.TryRead(out next);
                Interlocked.Decrement(ref queuedWrites);
                if (next!.TryStart())
                {
                    batch.Add(next);
                    if (next.BeforeTransaction is not null)
                    {
                        break;
                    }
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception e)
            {
                // WriteBatchAsync completes every write itself; this is for a fault of its own (e.g. opening the file).
                foreach (var pending in batch)
                {
                    pending.Fail(e);
                }
            }
        }

        if (writeConnection is not null)
        {
            DisposeWriteStatements();
            await writeConnection.DisposeAsync();
            writeConnection = null;
        }
    }

    /// <summary>Writes a batch in one transaction, or more when SQLite abandons a transaction on an error.</summary>
    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        writeConnection ??= await OpenConnectionAsync(CancellationToken.None, forWrites: true);
        var connection = writeConnection;
        var remaining = batch;
        while (remaining.Count > 0)
        {
            if (remaining[0].BeforeTransaction is { } before)
            {
                await before(connection);
            }

            var shared = remaining.Count > 1;
            var written = new List<PendingWrite>(remaining.Count);
            List<PendingWrite>? retry = null;

            // Not deferred: BEGIN IMMEDIATE takes the write lock up front (waiting up to the busy timeout), so a
            // transaction never fails half-way because another process wrote after it read.
            var transaction = connection.BeginTransaction(deferred: false);
            try
            {
                for (var i = 0; i < remaining.Count; i++)
                {
                    var pending = remaining[i];
                    try
                    {
                        if (shared)
                        {
                            transaction.Save(WriteSavepoint);
                        }

                        await pending.RunAsync(connection, transaction);
                        if (shared)
                        {
                            transaction.Release(WriteSavepoint);
                        }

                        written.Add(pending);
                    }
                    catch (Exception e)
                    {
                        pending.Fail(e);
                        if (!shared)
                        {
                            break; // the transaction is this write alone: it is rolled back below
                        }

                        if (!InTransaction(connection) || !TryRollBackSavepoint(transaction))
                        {
                            // SQLite rolled the whole transaction back (I/O error, full disk, ...): what was written in
                            // it is gone, so those writes run again, with the ones not yet run, in a new transaction.
                            retry = [.. written, .. remaining.Skip(i + 1)];
                            written.Clear();
                            break;
                        }
                    }
                }

                if (written.Count > 0)
                {
                    try
                    {
                        // Once the work is done it is committed: a cancellation now would only make the outcome harder to tell.
                        await transaction.CommitAsync(CancellationToken.None);
                    }
                    catch (Exception e)
                    {
                        foreach (var pending in written)
                        {
                            pending.Fail(e);
                        }

                        return;
                    }

                    Interlocked.Increment(ref committedTransactions);
                    Interlocked.Add(ref committedWrites, written.Count);
                    foreach (var pending in written)
                    {
                        pending.Complete();
                    }
                }
            }
            finally
            {
                await EndAsync(transaction);
            }

            remaining = retry ?? [];
        }
    }

    /// <summary>Disposes a transaction, which rolls it back unless it was committed; SQLite may have ended it already.</summary>
    private static async Task EndAsync(SqliteTransaction transaction)
    {
        try
        {
            await transaction.DisposeAsync();
        }
        catch (SqliteException)
        {
            // "no transaction is active": SQLite rolled it back itself; nothing is left to undo.
        }
    }

    private static bool InTransaction(SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

    private static bool TryRollBackSavepoint(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback(WriteSavepoint);
            transaction.Release(WriteSavepoint);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>A queued write: started by the loop, or cancelled by its caller first, never both.</summary>
    private abstract class PendingWrite : IDisposable
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Cancelled = 2;

        private int state;

        protected PendingWrite(Func<SqliteConnection, Task>? beforeTransaction) => BeforeTransaction = beforeTransaction;

        /// <summary>Gets what must run on the connection before the write's transaction begins, outside any transaction.</summary>
        public Func<SqliteConnection, Task>? BeforeTransaction { get; }

        /// <summary>Claims the write for the loop; false when its caller cancelled it while it was queued.</summary>
        public bool TryStart() => Interlocked.CompareExchange(ref state, Started, Queued) == Queued;

        /// <summary>Runs the write (again, if its first transaction was lost), keeping its result.</summary>
        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        /// <summary>Hands the caller the result: the write is committed.</summary>
        public abstract void Complete();

        /// <summary>Hands the caller the exception: the write is rolled back.</summary>
        public abstract void Fail(Exception exception);

        public abstract void Dispose();

        protected bool TryCancel() => Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued;
    }

    private sealed class PendingWrite<T> : PendingWrite
    {
        private readonly Func<SqliteConnection, SqliteTransaction, Task<T>> write;
        private readonly CancellationToken cancellationToken;
        private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration cancellation;
        private T result = default!;

        public PendingWrite(
            Func<SqliteConnection, SqliteTransaction, Task<T>> write,
            Func<SqliteConnection, Task>? beforeTransaction,
            CancellationToken cancellationToken)
            : base(beforeTransaction)
        {
            this.write = write;
            this.cancellationToken = cancellationToken;
            if (cancellationToken.CanBeCanceled)
            {
                cancellation = cancellationToken.UnsafeRegister(
                    static state =>
                    {
                        var pending = (PendingWrite<T>)state!;
                        if (pending.TryCancel())
                        {
                            pending.done.TrySetCanceled(pending.cancellationToken);
                        }
                    },
                    this);
            }
        }

        public Task<T> Task => done.Task;

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction) =>
            result = await write(connection, transaction);

        public override void Complete()
        {
            Dispose();
            done.TrySetResult(result);
        }

        public override void Fail(Exception exception)
        {
            Dispose();
            if (exception is OperationCanceledException canceled && canceled.CancellationToken == cancellationToken)
            {
                done.TrySetCanceled(cancellationToken);
            }
            else
            {
                done.TrySetException(exception);
            }
        }

        public override void Dispose() => cancellation.Dispose();
    }
}
