using System.Globalization;
using Sluice.Core.Hosting;
using Sluice.Core.Jobs;
using Sluice.Core.Storage.Postgres;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sluice.Core.Configuration;

/// <summary>
/// Reads <c>sluice.yaml</c>. Every problem (an unknown key, a wrong type, a function with neither a command nor a URL)
/// is an error naming the file, the line and the key.
/// </summary>
/// <example>
/// <code>
/// region: eu-west-1
/// store: sqlite                          # where state is kept; sqlite (default, one file in the data folder),
///                                       # or postgres://user@host:5432/db (several servers sharing one database)
/// python: /usr/bin/python3              # the interpreter of script-mode training
/// images:                                # commands for images that bring their own entrypoint
///   "*sagemaker-xgboost*": [python3, /opt/algorithms/xgboost_train.py]
/// jobs:
///   host: local                         # where jobs run; local (default, this machine's bubblewrap sandbox)
///   network: none                       # none (default) or host; EnableNetworkIsolation always means none
///   read_only_paths: [/srv/models]      # host folders jobs may read besides the system ones
///   limits: {processes: 1024, memory_mb: 8192, disk_mb: 10240, open_files: 4096}
///   slurm:                              # used when host is slurm; see docs/slurm.md
///     partition: gpu
///     instance_types: {ml.g5.xlarge: {cpus: 4, memory_mb: 16384, gpus: 1}}
/// lambda:
///   timeout: 300
///   functions:
///     check-quality:                  # a function name, or a whole ARN
///       command: [python3, handlers/check_quality.py]
///       timeout: 60
///     notify:
///       url: http://127.0.0.1:9000/invoke
/// serve:
///   credentials:                      # sluice serve then requires SigV4 signatures made with one of these
///     - access_key_id: AKIDSLUICE
///       secret_access_key: a-long-random-secret
/// </code>
/// </example>
public static partial class ConfigurationLoader
{
    /// <summary>The file name looked for in the working directory when no file is given.</summary>
    public const string DefaultFileName = "sluice.yaml";

    /// <summary>Loads a configuration file; without a path, <c>sluice.yaml</c> in the working directory if it exists.</summary>
    /// <param name="path">The file, or <see langword="null"/>.</param>
    /// <returns>The configuration; <see cref="SluiceConfiguration.Empty"/> when there is no file to read.</returns>
    /// <exception cref="ConfigurationException">When the file is missing (a given path), unreadable or invalid.</exception>
    public static SluiceConfiguration Load(string? path)
    {
        if (path is null)
        {
            if (!File.Exists(DefaultFileName))
            {
                return SluiceConfiguration.Empty;
            }

            path = DefaultFileName;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot be read: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses configuration text.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="source">The file name for messages; relative paths in the file are relative to its folder.</param>
    /// <returns>The configuration.</returns>
    public static SluiceConfiguration Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{source}:{e.Start.Line}: not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return SluiceConfiguration.Empty with { Source = source };
        }

        var reader = new Reader(source);
        var root = reader.Mapping(stream.Documents[0].RootNode, "(top level)");
        var configuration = new SluiceConfiguration { Source = source };
        foreach (var (key, value) in reader.Entries(root, "(top level)", "region", "account", "store", "python", "images", "jobs", "lambda", "serve"))
        {
            configuration = key switch
            {
                "region" => configuration with { Region = reader.String(value, key) },
                "account" => configuration with { Account = reader.String(value, key) },
                "store" => ReadStore(reader, value, configuration),
                "python" => configuration with { Python = reader.String(value, key) },
                "images" => configuration with { Images = ReadImages(reader, value) },
                "jobs" => configuration with { Jobs = ReadJobs(reader, value) },
                "serve" => ReadServe(reader, value, configuration),
                _ => ReadLambda(reader, value, configuration),
            };
        }

        return configuration;
    }

    /// <summary>
    /// <c>store: sqlite</c>, <c>store: postgres://...</c>, or a mapping: <c>store: {postgres: "URI or connection string",
    /// lease: 20, durability: normal}</c>.
    /// </summary>
    private static SluiceConfiguration ReadStore(Reader reader, YamlNode node, SluiceConfiguration configuration)
    {
        const string key = StoreBackends.Key;
        if (node is YamlScalarNode)
        {
            var text = reader.String(node, key);
            return TryWithStore(configuration, text, out var fromText, out var problem) ? fromText : throw reader.Error(node, key, problem);
        }

        var mapping = reader.Mapping(node, key);
        var chosen = configuration with { Store = StoreBackends.Default, StoreConnection = null };
        var named = false;
        foreach (var (entry, value) in reader.Entries(mapping, key, StoreBackends.Postgres, StoreBackends.Default, "lease", "durability"))
        {
            var path = $"{key}.{entry}";
            switch (entry)
            {
                case "durability":
                    chosen = reader.String(value, path) switch
                    {
                        "full" => chosen with { StoreDurability = Storage.StoreDurability.Full },
                        "normal" => chosen with { StoreDurability = Storage.StoreDurability.Normal },
                        var other => throw reader.Error(value, path, $"'{other}' is not a durability; use full (the default: every commit on disk) or normal (no fsync per commit; a power loss can take back the last commits)"),
                    };
                    break;
                case "lease":
                    var lease = reader.Seconds(value, path);
                    chosen = lease >= TimeSpan.FromSeconds(1) && lease <= TimeSpan.FromHours(1)
                        ? chosen with { LeaseDuration = lease }
                        : throw reader.Error(value, path, $"'{reader.String(value, path)}' is not a number of seconds from 1 to 3600");
                    break;
                case StoreBackends.Postgres:
                    named = !named ? true : throw reader.Error(value, key, "name one backend: postgres or sqlite");
                    chosen = chosen with { Store = StoreBackends.Postgres, StoreConnection = ReadConnection(reader, value, path, reader.String(value, path)) };
                    break;
                default:
                    named = !named ? true : throw reader.Error(value, key, "name one backend: postgres or sqlite");
                    if (value is not YamlScalarNode { Value: null or "" or "~" or "default" })
                    {
                        throw reader.Error(value, path, "sqlite takes no settings (the file is sluice.db in the data folder); write sqlite: default");
                    }

                    break;
            }
        }

        return chosen;
    }

    /// <summary>
    /// The configuration with the store a single value names (<c>sqlite</c>, or a <c>postgres://</c> URI), as
    /// <c>store:</c> or <c>sluice serve --store</c> gives it; the lease is kept.
    /// </summary>
    /// <param name="configuration">The configuration to change.</param>
    /// <param name="text">The value.</param>
    /// <param name="chosen">The changed configuration, when the value is usable.</param>
    /// <param name="problem">What is wrong with the value, when it is not (without the key).</param>
    /// <returns>Whether the value is usable.</returns>
    public static bool TryWithStore(SluiceConfiguration configuration, string text, out SluiceConfiguration chosen, out string problem)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(text);
        chosen = configuration;
        problem = string.Empty;
        if (PostgresConnectionString.IsUri(text))
        {
            try
            {
                chosen = configuration with { Store = StoreBackends.Postgres, StoreConnection = PostgresConnectionString.Parse(text) };
                return true;
            }
            catch (FormatException e)
            {
                problem = e.Message;
                return false;
            }
        }

        if (text == StoreBackends.Postgres)
        {
            problem = "postgres needs a database: write postgres://user@host:5432/database";
            return false;
        }

        if (!StoreBackends.IsSupported(text))
        {
            problem = StoreBackends.Unsupported(text);
            return false;
        }

        chosen = configuration with { Store = text, StoreConnection = null };
        return true;
    }

    private static string ReadConnection(Reader reader, YamlNode node, string path, string text)
    {
        try
        {
            return PostgresConnectionString.Parse(text);
        }
        catch (FormatException e)
        {
            throw reader.Error(node, path, e.Message);
        }
    }

    private static string ReadJobHost(Reader reader, YamlNode node)
    {
        var name = reader.String(node, JobHostBackends.Key);
        return JobHostBackends.IsSupported(name) ? name : throw reader.Error(node, JobHostBackends.Key, JobHostBackends.Unsupported(name));
    }

    private static List<ImageCommand> ReadImages(Reader reader, YamlNode node)
    {
        var images = new List<ImageCommand>();
        foreach (var (pattern, command) in reader.Mapping(node, "images").Children)
        {
            var key = reader.String(pattern, "images");
            var path = $"images.{key}";
            List<string> words = command is YamlSequenceNode list
                ? [.. list.Children.Select(c => reader.String(c, path))]
                : [.. reader.String(command, path).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            if (words.Count == 0)
            {
                throw reader.Error(command, path, "give the command that stands in for the image, e.g. [python3, /opt/algorithms/xgboost.py]");
            }

            images.Add(new ImageCommand(key, words));
        }

        return images;
    }

    private static JobSettings ReadJobs(Reader reader, YamlNode node)
    {
        var jobs = JobSettings.Default;
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, "jobs"), "jobs", "host", "network", "first_uid", "limits", "read_only_paths", "pass_environment", "slurm", "slots", "global_slots"))
        {
            var path = $"jobs.{key}";
            jobs = key switch
            {
                "host" => jobs with { Host = ReadJobHost(reader, value) },
                "network" => jobs with
                {
                    Network = reader.String(value, path) switch
                    {
                        "none" => JobNetwork.None,
                        "host" => JobNetwork.Host,
                        var other => throw reader.Error(value, path, $"'{other}' is not a network: use none or host"),
                    },
                },
                "first_uid" => jobs with { FirstUid = (uint)reader.Integer(value, path, 1000, uint.MaxValue - 65_536) },
                "limits" => jobs with { Limits = ReadLimits(reader, value, jobs.Limits) },
                "read_only_paths" => jobs with { ReadOnlyPaths = ReadAbsolutePaths(reader, value, path) },
                "slurm" => jobs with { Slurm = ReadSlurm(reader, value) },
                "slots" => jobs with { Slots = (int)reader.Integer(value, path, 1, 100_000) },
                "global_slots" => jobs with { GlobalSlots = (int)reader.Integer(value, path, 1, 1_000_000) },
                _ => jobs with { PassEnvironment = [.. reader.Sequence(value, path).Select(n => reader.String(n, path))] },
            };
        }

        return jobs;
    }

    private static JobLimits ReadLimits(Reader reader, YamlNode node, JobLimits limits)
    {
        const long megabyte = 1024 * 1024;
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, "jobs.limits"), "jobs.limits", "processes", "memory_mb", "disk_mb", "open_files"))
        {
            var path = $"jobs.limits.{key}";
            limits = key switch
            {
                "processes" => limits with { Processes = (int)reader.Integer(value, path, 16, 1_000_000) },
                "memory_mb" => limits with { MemoryBytes = reader.Integer(value, path, 64, 1L << 30) * megabyte },
                "disk_mb" => limits with { DiskBytes = reader.Integer(value, path, 1, 1L << 30) * megabyte },
                _ => limits with { OpenFiles = (int)reader.Integer(value, path, 64, 1_048_576) },
            };
        }

        return limits;
    }

    private static List<string> ReadAbsolutePaths(Reader reader, YamlNode node, string path)
    {
        var paths = new List<string>();
        foreach (var item in reader.Sequence(node, path))
        {
            var text = reader.String(item, path);
            if (!Path.IsPathFullyQualified(text) || text.Split('/').Contains(".."))
            {
                throw reader.Error(item, path, $"'{text}' is not an absolute path without '..'");
            }

            paths.Add(Path.TrimEndingDirectorySeparator(text));
        }

        return paths;
    }

    private static SluiceConfiguration ReadServe(Reader reader, YamlNode node, SluiceConfiguration configuration)
    {
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        string? consoleToken = null;
        foreach (var (setting, value) in reader.Entries(reader.Mapping(node, "serve"), "serve", "credentials", "console_token"))
        {
            if (setting == "console_token")
            {
                consoleToken = reader.String(value, "serve.console_token");
                if (consoleToken.Length < 16)
                {
                    throw reader.Error(value, "serve.console_token", "must be at least 16 characters (it signs in to the web console)");
                }

                continue;
            }

            if (value is not YamlSequenceNode list)
            {
                throw reader.Error(value, "serve.credentials", "expected a list of {access_key_id, secret_access_key}");
            }

            foreach (var entry in list.Children)
            {
                string? id = null;
                string? secret = null;
                foreach (var (key, item) in reader.Entries(reader.Mapping(entry, "serve.credentials"), "serve.credentials", "access_key_id", "secret_access_key"))
                {
                    var text = reader.String(item, $"serve.credentials.{key}");
                    if (text.Length == 0)
                    {
                        throw reader.Error(item, $"serve.credentials.{key}", "must not be empty");
                    }

                    (id, secret) = key == "access_key_id" ? (text, secret) : (id, text);
                }

                if (id is null || secret is null)
                {
                    throw reader.Error(entry, "serve.credentials", "each entry needs access_key_id and secret_access_key");
                }

                if (!credentials.TryAdd(id, secret))
                {
                    throw reader.Error(entry, "serve.credentials", $"access_key_id '{id}' is given twice");
                }
            }
        }

        return configuration with { ServeCredentials = credentials, ConsoleToken = consoleToken };
    }

    private static SluiceConfiguration ReadLambda(Reader reader, YamlNode node, SluiceConfiguration configuration)
    {
        var functions = new Dictionary<string, LambdaFunction>(StringComparer.Ordinal);
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, "lambda"), "lambda", "timeout", "functions"))
        {
            if (key == "timeout")
            {
                configuration = configuration with { LambdaTimeout = reader.Seconds(value, "lambda.timeout") };
                continue;
            }

            foreach (var (name, function) in reader.Mapping(value, "lambda.functions").Children)
            {
                var functionName = reader.String(name, "lambda.functions");
                functions[functionName] = ReadFunction(reader, function, $"lambda.functions.{functionName}");
            }
        }

        return configuration with { LambdaFunctions = functions };
    }

    private static LambdaFunction ReadFunction(Reader reader, YamlNode node, string path)
    {
        List<string>? command = null;
        Uri? url = null;
        TimeSpan? timeout = null;
        string? workingDirectory = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, path), path, "command", "url", "timeout", "environment", "working_directory"))
        {
            var keyPath = $"{path}.{key}";
            switch (key)
            {
                case "command":
                    command = value is YamlSequenceNode list
                        ? [.. list.Children.Select(c => reader.String(c, keyPath))]
                        : [.. reader.String(value, keyPath).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
                    break;
                case "url":
                    var text = reader.String(value, keyPath);
                    if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
                    {
                        throw reader.Error(value, keyPath, $"'{text}' is not an http:// or https:// URL");
                    }

                    break;
                case "timeout":
                    timeout = reader.Seconds(value, keyPath);
                    break;
                case "environment":
                    foreach (var (name, variable) in reader.Mapping(value, keyPath).Children)
                    {
                        environment[reader.String(name, keyPath)] = reader.String(variable, keyPath);
                    }

                    break;
                default:
                    workingDirectory = Path.GetFullPath(reader.String(value, keyPath), Path.GetDirectoryName(Path.GetFullPath(reader.Source))!);
                    break;
            }
        }

        if ((command is null) == (url is null) || command is { Count: 0 })
        {
            throw reader.Error(node, path, "give either a command (a list of words) or a url");
        }

        return new LambdaFunction(command, url, timeout, environment, workingDirectory);
    }

    /// <summary>Typed reads of YAML nodes that fail with <c>file:line: key: problem</c>.</summary>
    private sealed class Reader(string source)
    {
        public string Source => source;

        public ConfigurationException Error(YamlNode node, string key, string problem) =>
            new($"{source}:{node.Start.Line}: {key}: {problem}");

        public YamlMappingNode Mapping(YamlNode node, string key) =>
            node as YamlMappingNode ?? throw Error(node, key, "expected a mapping of keys to values");

        public string String(YamlNode node, string key) =>
            node is YamlScalarNode { Value: { } value } ? value : throw Error(node, key, "expected a single value");

        public IList<YamlNode> Sequence(YamlNode node, string key) =>
            node is YamlSequenceNode list ? list.Children : throw Error(node, key, "expected a list");

        public long Integer(YamlNode node, string key, long minimum, long maximum)
        {
            var text = String(node, key);
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
                ? number
                : throw Error(node, key, $"'{text}' is not a whole number from {minimum} to {maximum}");
        }

        public TimeSpan Seconds(YamlNode node, string key)
        {
            var text = String(node, key);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw Error(node, key, $"'{text}' is not a number of seconds greater than 0");
        }

        public IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode mapping, string path, params string[] known)
        {
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = String(keyNode, path);
                if (Array.IndexOf(known, key) < 0)
                {
                    throw Error(keyNode, path, $"unknown key '{key}'{Definitions.Spelling.Hint(key, known)}; known keys: {string.Join(", ", known)}");
                }

                yield return (key, value);
            }
        }
    }
}
