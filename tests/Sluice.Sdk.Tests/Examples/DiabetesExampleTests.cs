using System.Text;
using Sluice.Examples.Diabetes;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Examples;

public sealed class DiabetesExampleTests
{
    [Fact]
    public void Build_DiabetesExample_WritesTheCommittedDefinitionByteForByte()
    {
        var committed = File.ReadAllBytes(Golden.FixturePath("diabetes/pipeline.json"));

        var written = Encoding.UTF8.GetBytes(DiabetesPipeline.Build().ToDefinitionJson());

        written.ShouldBe(committed);
    }

    [Fact]
    public void Build_DiabetesExample_PassesTheValidatorWithoutWarnings()
    {
        var diagnostics = DiabetesPipeline.Build().Validate();

        diagnostics.ShouldBeEmpty();
    }
}
