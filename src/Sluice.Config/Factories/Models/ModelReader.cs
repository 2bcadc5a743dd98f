using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Models;

namespace Sluice.Config.Factories.Models;

/// <summary>
/// Reads a model (Model steps, and each of a RegisterModel step's <c>models</c>): <c>image_uri</c>, <c>model_data</c>,
/// <c>role</c>, <c>environment</c>, script mode's <c>entry_point</c>, <c>source_dir</c> (an <c>s3://</c>
/// <c>sourcedir.tar.gz</c>) and <c>container_log_level</c>, and <c>enable_network_isolation</c>.
/// </summary>
internal static class ModelReader
{
    public static Model Read(ConfigSection section, SharedConfig shared)
    {
        var sourceDir = section.OptionalText("source_dir");
        if (sourceDir is not null && !Fallbacks.IsS3(sourceDir))
        {
            throw section.Error("source_dir", $"'{sourceDir}' is local; models take their inference code from an s3:// sourcedir.tar.gz (e.g. the training step's)");
        }

        return new Model
        {
            ImageUri = Fallbacks.ImageUri(section, shared),
            ModelData = section.OptionalValue("model_data"),
            Role = Fallbacks.Role(section, shared),
            Environment = Fallbacks.Ordered(section.ValueMap("environment")),
            EntryPoint = section.OptionalText("entry_point"),
            SourceDir = sourceDir,
            ContainerLogLevel = section.OptionalInteger("container_log_level") ?? 20,
            EnableNetworkIsolation = section.OptionalValue("enable_network_isolation", ValueKind.Boolean),
        };
    }
}
