using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sluice.Config.Loading;

/// <summary>Parses configuration text, turning YAML errors into <c>file:line</c> messages.</summary>
internal static class YamlText
{
    public static YamlMappingNode ParseMapping(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var problem = e.InnerException is { } inner && inner.Message.Length > 0 ? $"{e.Message} {inner.Message}" : e.Message;
            throw new PipelineConfigException(path, (int)e.Start.Line, null, $"not valid YAML: {problem}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            throw new PipelineConfigException(path, null, null, "the file is empty; it needs a mapping of keys to values");
        }

        if (stream.Documents.Count > 1)
        {
            throw new PipelineConfigException(path, (int)stream.Documents[1].RootNode.Start.Line, null,
                $"the file holds {stream.Documents.Count} YAML documents; a configuration file holds one");
        }

        var root = stream.Documents[0].RootNode;
        return root as YamlMappingNode
            ?? throw new PipelineConfigException(path, (int)root.Start.Line, null, "the top level must be a mapping of keys to values");
    }
}
