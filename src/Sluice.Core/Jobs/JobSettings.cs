namespace Sluice.Core.Jobs;

/// <summary>Whether a job may use the network.</summary>
public enum JobNetwork
{
    /// <summary>No network at all: only a loopback interface of the job's own.</summary>
    None,

    /// <summary>The host's network, as a SageMaker job without network isolation has (the job can reach this machine's loopback services too).</summary>
    Host,
}

/// <summary>
/// How jobs are isolated (<c>jobs:</c> in <c>sluice.yaml</c>). Every job runs in a bubblewrap sandbox whatever these say;
/// they choose the network, the limits, the user a job runs as when Sluice runs as root, and what else of the host a
/// job may read.
/// </summary>
public sealed record JobSettings
{
    /// <summary>Every default: the local host, no network, the default limits, no extra paths.</summary>
    public static JobSettings Default { get; } = new();

    /// <summary>
    /// Where jobs run (<c>jobs.host</c>; default <c>local</c>, this machine's bubblewrap sandbox). The names are those of
    /// <see cref="Hosting.JobHostBackends"/>.
    /// </summary>
    public string Host { get; init; } = Hosting.JobHostBackends.Default;

    /// <summary>
    /// The network of jobs that do not ask for isolation (<c>jobs.network</c>; default <see cref="JobNetwork.None"/>).
    /// A step's <c>NetworkConfig.EnableNetworkIsolation: true</c> always means none.
    /// </summary>
    public JobNetwork Network { get; init; } = JobNetwork.None;

    /// <summary>
    /// The first of 65,536 user ids that jobs run as when Sluice runs as root (<c>jobs.first_uid</c>; default
    /// 1,900,000). Each job gets one of them, so jobs never share a user; they should own nothing on the host.
    /// </summary>
    public uint FirstUid { get; init; } = 1_900_000;

    /// <summary>The limits of each job (<c>jobs.limits</c>).</summary>
    public JobLimits Limits { get; init; } = JobLimits.Default;

    /// <summary>
    /// Host folders a job may read besides the system ones (<c>jobs.read_only_paths</c>), e.g. a virtualenv or a
    /// model cache. The folders of the configured <c>python:</c> and <c>images:</c> commands are added by themselves.
    /// </summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>
    /// Host environment variables passed on to jobs (<c>jobs.pass_environment</c>; a name, or a prefix ending in
    /// <c>*</c>), added to PATH, LANG, LANGUAGE, LC_*, TZ, TERM, OPENBLAS_*, OMP_* and MKL_*. Nothing else of Sluice's own
    /// environment reaches a job.
    /// </summary>
    public IReadOnlyList<string> PassEnvironment { get; init; } = [];

    /// <summary>The Slurm host's settings (<c>jobs.slurm</c>), used when <see cref="Host"/> is <c>slurm</c>.</summary>
    public Slurm.SlurmSettings Slurm { get; init; } = Jobs.Slurm.SlurmSettings.Default;

    /// <summary>
    /// How many jobs (Processing, Training, Transform, Tuning trials) this server runs at once (<c>jobs.slots</c>; default
    /// the number of processors; <c>SluiceHostOptions.MaxConcurrentJobs</c>, when set, wins).
    /// </summary>
    public int? Slots { get; init; }

    /// <summary>
    /// How many jobs every server sharing the store runs at once together (<c>jobs.global_slots</c>; default no global
    /// limit). Each job then also claims a slot in the store, held while it runs, renewed by its server and freed when
    /// that server dies (after <c>store.lease</c>); a job waits for both a slot of its server and a global one.
    /// </summary>
    public int? GlobalSlots { get; init; }
}

/// <summary>The resources one job may use; a job that reaches one fails with a reason that names it.</summary>
/// <param name="Processes">Processes and threads at once (<c>processes</c>; default 1,024).</param>
/// <param name="MemoryBytes">Address space of each process (<c>memory_mb</c>; default the machine's memory).</param>
/// <param name="DiskBytes">
/// Bytes under <c>/opt/ml</c>, inputs included, and the size of any one file (<c>disk_mb</c>; default 10,240 MB). A
/// step's <c>VolumeSizeInGB</c> lowers it, never raises it.
/// </param>
/// <param name="OpenFiles">Open files of each process (<c>open_files</c>; default 4,096).</param>
public sealed record JobLimits(int Processes, long MemoryBytes, long DiskBytes, int OpenFiles)
{
    private const long Megabyte = 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static JobLimits Default { get; } = new(
        1024,
        Math.Max(1024 * Megabyte, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes),
        10_240 * Megabyte,
        4096);

    /// <summary>These limits with the disk lowered to a step's VolumeSizeInGB, when it gives one below them.</summary>
    /// <param name="volumeSizeInGb">The step's VolumeSizeInGB, or <see langword="null"/>.</param>
    /// <returns>The limits for that step.</returns>
    public JobLimits ForVolume(double? volumeSizeInGb) =>
        volumeSizeInGb is > 0 and var gb && gb * 1024 * Megabyte < DiskBytes
            ? this with { DiskBytes = (long)(gb * 1024 * Megabyte) }
            : this;

    /// <summary>The limits in megabytes, as <c>sluice.yaml</c> writes them, for messages.</summary>
    /// <param name="bytes">A number of bytes.</param>
    /// <returns>The number of whole megabytes.</returns>
    public static long InMegabytes(long bytes) => bytes / Megabyte;
}
