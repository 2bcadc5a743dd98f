using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Training;

namespace Sluice.Config.Factories.Training;

/// <summary>
/// Reads an estimator (Training steps, and a Tuning step's <c>estimator</c>): <c>image_uri</c>, <c>role</c>,
/// <c>instance_type</c>, <c>instance_count</c>, <c>volume_size_in_gb</c>, <c>volume_kms_key</c>,
/// <c>max_runtime_in_seconds</c>, <c>max_wait_time_in_seconds</c>, <c>output_path</c>, <c>output_kms_key</c>,
/// <c>input_mode</c>, <c>metric_definitions</c> (<c>{name, regex}</c>), <c>hyperparameters</c>, <c>environment</c>,
/// script mode's <c>entry_point</c>, <c>source_dir</c>, <c>code_location</c> and <c>container_log_level</c>,
/// <c>disable_debugger_hook</c>, <c>disable_profiler</c>, <c>enable_network_isolation</c>, <c>use_spot_instances</c>,
/// <c>checkpoint_s3_uri</c>, <c>checkpoint_local_path</c> and <c>tags</c>.
/// </summary>
internal static class EstimatorReader
{
    public static Estimator Read(ConfigSection section, SharedConfig shared)
    {
        var entryPoint = section.OptionalText("entry_point");
        var sourceDir = section.OptionalText("source_dir");
        CheckSourceCode(section, entryPoint, sourceDir);
        return new Estimator
        {
            ImageUri = Fallbacks.ImageUri(section, shared),
            Role = Fallbacks.Role(section, shared),
            InstanceType = Fallbacks.InstanceType(section, shared),
            InstanceCount = Fallbacks.InstanceCount(section, shared),
            VolumeSizeInGB = Fallbacks.VolumeSizeInGB(section, shared),
            VolumeKmsKey = section.OptionalValue("volume_kms_key"),
            MaxRuntimeInSeconds = Fallbacks.MaxRuntimeInSeconds(section, shared) ?? 86_400,
            MaxWaitTimeInSeconds = section.OptionalValue("max_wait_time_in_seconds", ValueKind.Integer),
            OutputPath = section.OptionalValue("output_path"),
            OutputKmsKey = section.OptionalValue("output_kms_key"),
            InputMode = section.OptionalValue("input_mode") ?? "File",
            MetricDefinitions = [.. section.Sections("metric_definitions").Select(m => new MetricDefinition(m.Text("name"), m.Text("regex")))],
            HyperParameters = Fallbacks.Ordered(section.ValueMap("hyperparameters", ValueKind.Any)),
            Environment = Fallbacks.Ordered(section.ValueMap("environment")),
            EntryPoint = entryPoint,
            SourceDir = sourceDir,
            CodeLocation = section.OptionalText("code_location"),
            ContainerLogLevel = section.OptionalInteger("container_log_level") ?? 20,
            DisableDebuggerHook = section.OptionalBoolean("disable_debugger_hook") ?? false,
            DisableProfiler = section.OptionalBoolean("disable_profiler") ?? false,
            EnableNetworkIsolation = section.OptionalValue("enable_network_isolation", ValueKind.Boolean),
            UseSpotInstances = section.OptionalValue("use_spot_instances", ValueKind.Boolean),
            CheckpointS3Uri = section.OptionalValue("checkpoint_s3_uri"),
            CheckpointLocalPath = section.OptionalValue("checkpoint_local_path"),
            Tags = Fallbacks.Tags(section, shared),
        };
    }

    private static void CheckSourceCode(ConfigSection section, string? entryPoint, string? sourceDir)
    {
        if (sourceDir is not null && entryPoint is null)
        {
            throw section.Missing("entry_point", "script mode runs entry_point from source_dir");
        }

        if (entryPoint is null || (sourceDir is not null && Fallbacks.IsS3(sourceDir)))
        {
            return;
        }

        if (sourceDir is null)
        {
            if (!File.Exists(Fallbacks.LocalPath(entryPoint)))
            {
                throw section.Error("entry_point", $"'{entryPoint}' is not a local file (give source_dir when it is relative to a folder; local paths are relative to the working directory)");
            }
        }
        else if (!Directory.Exists(Fallbacks.LocalPath(sourceDir)))
        {
            throw section.Error("source_dir", $"'{sourceDir}' is neither an s3:// URI nor a local folder (local paths are relative to the working directory)");
        }
        else if (!File.Exists(Path.Combine(Fallbacks.LocalPath(sourceDir), entryPoint)))
        {
            throw section.Error("entry_point", $"'{entryPoint}' is not in the source folder '{sourceDir}'");
        }
    }
}
