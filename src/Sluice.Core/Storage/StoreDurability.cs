namespace Sluice.Core.Storage;

/// <summary>
/// How durable a store's commits are (<c>store.durability</c> in sluice.yaml): what a commit survives once its task
/// has completed. Every mode keeps the store consistent; they differ in what a crash of the machine can take back.
/// The local object store (<see cref="Artifacts.Local.LocalObjectStore"/>) follows the same setting for its writes.
/// </summary>
public enum StoreDurability
{
    /// <summary>
    /// The default. A commit is on the disk before its task completes (SQLite: <c>synchronous=FULL</c>, an fsync of
    /// the write-ahead log per commit; PostgreSQL: the server's own setting, <c>synchronous_commit=on</c> by default).
    /// Neither a <c>kill -9</c> of Sluice nor a power loss loses a completed write. Objects: each file is fsynced
    /// before the rename that publishes it, and each folder whose entries changed after it.
    /// </summary>
    Full,

    /// <summary>
    /// A commit is handed to the operating system (SQLite) or to the database server (PostgreSQL) before its task
    /// completes, and reaches the disk a little later (SQLite: <c>synchronous=NORMAL</c> in WAL mode, fsync at each
    /// checkpoint; PostgreSQL: <c>synchronous_commit=off</c>, the WAL writer flushes within about 0.6 s). A
    /// <c>kill -9</c> of Sluice still loses nothing. A power loss or an operating-system crash (for PostgreSQL, also a
    /// crash of the database server) can take back the last commits before it, whole: executions and step records
    /// then go back to an earlier state (a succeeded step may run again on resume), never to a broken one. Objects are
    /// not fsynced: a power loss can take back the last seconds of object writes and deletes.
    /// </summary>
    Normal,
}
