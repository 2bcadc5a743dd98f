using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Reading;

public sealed class ConfigSectionTests
{
    [Fact]
    public void Read_UnknownKeyInANestedList_NamesItsPath()
    {
        var error = Configs.Fails(("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: s3://b/prep.py
            inputs:
              - source: s3://b/in
                destination: /opt/ml/processing/input
              - source: s3://b/more
                destinaton: /opt/ml/processing/more
            """));

        error.Message.ShouldBe("dev/prep.yaml:8: inputs[1].destination: missing: 'destination' is required in inputs[1] ('destinaton' is not a key; did you mean 'destination'?)");
    }

    [Fact]
    public void Read_MisspeltOptionalKey_IsReportedAsUnknown()
    {
        var error = Configs.Fails(("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: s3://b/prep.py
            instance_typ: ml.m5.large
            """));

        error.Message.ShouldStartWith("dev/prep.yaml:4: instance_typ: unknown key (did you mean 'instance_type'?); known keys here: step_name, step_factory_class, code,");
    }

    [Theory]
    [InlineData("volume_size_in_gb: 1.5", "volume_size_in_gb: expected an integer, not '1.5'")]
    [InlineData("network_config: {enable_network_isolation: maybe}", "network_config.enable_network_isolation: expected true or false, not 'maybe'")]
    [InlineData("environment: [A, B]", "environment: expected a mapping of names to values")]
    [InlineData("inputs: {source: s3://b}", "inputs.destination: missing: 'destination' is required in inputs")]
    [InlineData("arguments: [{a: 1}]", "arguments[0]: expected text, not a mapping")]
    [InlineData("inputs: [s3://b]", "inputs[0]: expected a mapping of keys to values")]
    [InlineData("command: {a: 1}", "command: expected a single value, not a mapping")]
    public void Read_WrongType_SaysWhatWasExpected(string line, string message)
    {
        var error = Configs.Fails(("prep.yaml", $"step_name: Prep\nstep_factory_class: ProcessingStepFactory\ncode: s3://b/prep.py\n{line}\n"));

        error.Message.ShouldBe($"dev/prep.yaml:4: {message}");
    }

    [Fact]
    public void Read_EmptyValue_CountsAsNotGiven()
    {
        var built = Configs.Build(("prep.yaml", "step_name: Prep\nstep_factory_class: ProcessingStepFactory\ncode: s3://b/prep.py\ndescription:\narguments: ~\n"));

        Configs.Step(built, "Prep").ContainsKey("Description").ShouldBeFalse();
    }
}
