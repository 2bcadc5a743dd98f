using Sluice.Core.Jobs.Slurm;
using YamlDotNet.RepresentationModel;

namespace Sluice.Core.Configuration;

/// <summary>The <c>jobs.slurm:</c> section.</summary>
public static partial class ConfigurationLoader
{
    private const string SlurmKey = "jobs.slurm";

    private static SlurmSettings ReadSlurm(Reader reader, YamlNode node)
    {
        var slurm = SlurmSettings.Default;
        var known = new[] { "partition", "account", "qos", "sbatch_options", "poll_interval_ms", "max_poll_interval_ms", "commands", "instance_types", "max_jobs" };
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, SlurmKey), SlurmKey, known))
        {
            var path = $"{SlurmKey}.{key}";
            slurm = key switch
            {
                "partition" => slurm with { Partition = SlurmWord(reader, value, path) },
                "account" => slurm with { Account = SlurmWord(reader, value, path) },
                "qos" => slurm with { Qos = SlurmWord(reader, value, path) },
                "sbatch_options" => slurm with { ExtraOptions = [.. reader.Sequence(value, path).Select(o => SbatchOption(reader, o, path))] },
                "poll_interval_ms" => slurm with { PollInterval = TimeSpan.FromMilliseconds(reader.Integer(value, path, 50, 600_000)) },
                "max_poll_interval_ms" => slurm with { MaxPollInterval = TimeSpan.FromMilliseconds(reader.Integer(value, path, 50, 3_600_000)) },
                "commands" => slurm with { Commands = ReadSlurmCommands(reader, value, slurm.Commands) },
                "max_jobs" => slurm with { MaxJobs = (int)reader.Integer(value, path, 1, 100_000) },
                _ => slurm with { InstanceTypes = ReadInstanceTypes(reader, value, slurm.InstanceTypes) },
            };
        }

        if (slurm.MaxPollInterval < slurm.PollInterval)
        {
            throw reader.Error(node, $"{SlurmKey}.max_poll_interval_ms", $"must not be below poll_interval_ms ({slurm.PollInterval.TotalMilliseconds:0})");
        }

        return slurm;
    }

    private static string SlurmWord(Reader reader, YamlNode node, string path)
    {
        var text = reader.String(node, path);
        return text.Length > 0 && text.Length <= 256 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ',')
            ? text
            : throw reader.Error(node, path, $"'{text}' is not a Slurm name (letters, digits, '_', '-', '.', ',')");
    }

    private static string SbatchOption(Reader reader, YamlNode node, string path)
    {
        var text = reader.String(node, path);
        var name = text.Split('=')[0];
        string[] owned = ["--parsable", "--export", "--output", "--error", "--chdir", "--wrap", "--open-mode", "--job-name", "--array", "--wait"];
        if (!text.StartsWith("--", StringComparison.Ordinal) || text.Length < 3 || text.Any(char.IsControl))
        {
            throw reader.Error(node, path, $"'{text}' is not a long sbatch option; write each as one word, e.g. --constraint=avx2");
        }

        return Array.IndexOf(owned, name) < 0
            ? text
            : throw reader.Error(node, path, $"'{name}' is set by Sluice itself and cannot be given here");
    }

    private static SlurmCommands ReadSlurmCommands(Reader reader, YamlNode node, SlurmCommands commands)
    {
        var path = $"{SlurmKey}.commands";
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, path), path, "sbatch", "squeue", "scontrol", "scancel"))
        {
            var keyPath = $"{path}.{key}";
            var program = reader.String(value, keyPath);
            if (program.Length == 0 || program.Any(char.IsControl))
            {
                throw reader.Error(value, keyPath, "give a program name or path, e.g. /usr/bin/" + key);
            }

            commands = key switch
            {
                "sbatch" => commands with { Sbatch = program },
                "squeue" => commands with { Squeue = program },
                "scontrol" => commands with { Scontrol = program },
                _ => commands with { Scancel = program },
            };
        }

        return commands;
    }

    private static Dictionary<string, SlurmResources> ReadInstanceTypes(Reader reader, YamlNode node, IReadOnlyDictionary<string, SlurmResources> defaults)
    {
        var path = $"{SlurmKey}.instance_types";
        var types = new Dictionary<string, SlurmResources>(defaults, StringComparer.Ordinal);
        foreach (var (typeNode, value) in reader.Mapping(node, path).Children)
        {
            var type = reader.String(typeNode, path);
            var typePath = $"{path}.{type}";
            if (!type.StartsWith("ml.", StringComparison.Ordinal) || type.Any(char.IsControl))
            {
                throw reader.Error(typeNode, path, $"'{type}' is not an instance type such as ml.m5.xlarge");
            }

            var resources = types.GetValueOrDefault(type, SlurmResources.Fallback);
            foreach (var (key, item) in reader.Entries(reader.Mapping(value, typePath), typePath, "cpus", "memory_mb", "gpus"))
            {
                var keyPath = $"{typePath}.{key}";
                resources = key switch
                {
                    "cpus" => resources with { Cpus = (int)reader.Integer(item, keyPath, 1, 100_000) },
                    "memory_mb" => resources with { MemoryMb = reader.Integer(item, keyPath, 1, 1L << 40) },
                    _ => resources with { Gpus = (int)reader.Integer(item, keyPath, 0, 1024) },
                };
            }

            types[type] = resources;
        }

        return types;
    }
}
