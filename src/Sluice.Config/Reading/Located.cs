using System.Globalization;
using Sluice.Config.Loading;
using YamlDotNet.RepresentationModel;

namespace Sluice.Config.Reading;

/// <summary>A YAML node and the file it is in; <see cref="Via"/> says which <c>${shared...}</c> reference led to it, for messages.</summary>
/// <param name="Node">The node.</param>
/// <param name="File">The file the node is in.</param>
/// <param name="Via">The reference that led here and where it is written, e.g. <c>${shared.values.cache} at dev/train.yaml:9</c>.</param>
internal readonly record struct Located(YamlNode Node, ConfigFile File, string? Via)
{
    public int Line => (int)Node.Start.Line;

    public string Place => string.Create(CultureInfo.InvariantCulture, $"{File.Path}:{Line}");

    /// <summary>An error at this node.</summary>
    public PipelineConfigException Error(string key, string problem) =>
        new(File.Path, Line, key.Length == 0 ? null : key, Via is null ? problem : $"{problem} (the value of {Via})");
}
