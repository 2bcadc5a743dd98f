namespace Sluice.Definitions;

/// <summary>A Processing step's property file: a JSON document among its outputs that <c>Std:JsonGet</c> can read.</summary>
/// <param name="Name">The <c>PropertyFileName</c> that references use.</param>
/// <param name="OutputName">The processing output that holds the file.</param>
/// <param name="FilePath">The file's path inside that output.</param>
public sealed record PropertyFileDefinition(string Name, string OutputName, string FilePath);
