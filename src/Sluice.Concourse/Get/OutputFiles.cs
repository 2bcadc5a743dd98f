using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Get;

/// <summary>Where a get writes its files, each inside the destination directory.</summary>
/// <param name="Metadata">DescribePipelineExecution.</param>
/// <param name="Pipeline">The definition, or <see langword="null"/> when not downloaded.</param>
/// <param name="Parameters">The parameters the execution ran with.</param>
/// <param name="Steps">The execution's steps.</param>
internal sealed record OutputFiles(string Metadata, string? Pipeline, string Parameters, string Steps)
{
    /// <summary>Resolves the file names of the params in a destination directory.</summary>
    /// <param name="parameters">The get params.</param>
    /// <param name="destination">The directory Concourse gave.</param>
    /// <returns>Full paths.</returns>
    /// <exception cref="ResourceException">A name leaves the directory, or two name the same file.</exception>
    public static OutputFiles Resolve(GetParams parameters, string destination)
    {
        var root = Path.GetFullPath(destination);
        var files = new OutputFiles(
            Inside(root, parameters.MetadataFile, "metadata_file", "metadata.json"),
            parameters.DownloadPipeline == false ? null : Inside(root, parameters.PipelineFile, "pipeline_file", "pipeline.json"),
            Inside(root, parameters.ParametersFile, "parameters_file", "parameters.json"),
            Inside(root, parameters.StepsFile, "steps_file", "steps.json"));
        var all = new[] { files.Metadata, files.Pipeline, files.Parameters, files.Steps }.OfType<string>().ToList();
        if (all.Distinct(StringComparer.Ordinal).Count() != all.Count)
        {
            throw new ResourceException("params name the same file twice (metadata_file, pipeline_file, parameters_file, steps_file must differ).");
        }

        return files;
    }

    private static string Inside(string root, string? name, string key, string fallback)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new ResourceException($"params.{key} is empty; give a file name such as {fallback}.");
        }

        var path = Path.GetFullPath(Path.Combine(root, name ?? fallback));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ResourceException($"params.{key} '{name}' is outside the resource's directory; give a relative name such as {fallback}.");
    }
}
