using Sluice.Examples.Diabetes;

// Writes the example's definition: to the file given as the argument, or to standard output.
// `dotnet run --project examples/diabetes/csharp -- examples/diabetes/pipeline.json` rewrites the committed file
// with the same bytes.
var definition = DiabetesPipeline.Build().ToDefinitionJson();
if (args.Length > 0)
{
    await File.WriteAllTextAsync(args[0], definition);
}
else
{
    await Console.Out.WriteAsync(definition);
}
