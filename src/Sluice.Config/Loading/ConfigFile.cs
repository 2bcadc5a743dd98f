using YamlDotNet.RepresentationModel;

namespace Sluice.Config.Loading;

/// <summary>One configuration file, parsed: its path as messages show it, and its top-level mapping.</summary>
/// <param name="Path">The path shown in messages, e.g. <c>config/dev/train.yaml</c>.</param>
/// <param name="Root">The file's top-level mapping; its nodes carry their lines for messages.</param>
public sealed record ConfigFile(string Path, YamlMappingNode Root)
{
    /// <summary>The file's name without its folder, e.g. <c>train.yaml</c>.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Parses YAML text into a configuration file.</summary>
    /// <param name="path">The path shown in messages.</param>
    /// <param name="text">The YAML: one document whose top level is a mapping.</param>
    /// <returns>The parsed file.</returns>
    /// <exception cref="PipelineConfigException">When the text is not valid YAML, holds no document or several, or its top level is not a mapping.</exception>
    public static ConfigFile Parse(string path, string text) => new(path, YamlText.ParseMapping(path, text));
}
