using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Conditions;

public sealed class FailStepFactoryTests
{
    [Fact]
    public void CreateStep_TextWithReferences_WritesAJoinOnNothing()
    {
        var built = Configs.Build(("stop.yaml", """
            step_name: Stop
            step_factory_class: FailStepFactory
            error_message: "depth ${parameters.Depth} is too deep for ${shared.project_name} ($${not a reference})"
            """));

        Configs.Step(built, "Stop")["Arguments"].ShouldBeJson(
            "{`ErrorMessage`:{`Std:Join`:{`On`:``,`Values`:[`depth `,{`Get`:`Parameters.Depth`},` is too deep for test (${not a reference})`]}}}");
    }

    [Fact]
    public void CreateStep_JoinForm_WritesTheJoinAsGiven()
    {
        var built = Configs.Build(("stop.yaml", """
            step_name: Stop
            step_factory_class: FailStepFactory
            error_message:
              join: {on: " ", values: [Depth, "${parameters.Depth}", 3, is too deep]}
            """));

        Configs.Step(built, "Stop")["Arguments"].ShouldBeJson(
            "{`ErrorMessage`:{`Std:Join`:{`On`:` `,`Values`:[`Depth`,{`Get`:`Parameters.Depth`},3,`is too deep`]}}}");
    }

    [Fact]
    public void CreateStep_NoMessage_WritesAnEmptyMessage()
    {
        var built = Configs.Build(("stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\n"));

        Configs.Step(built, "Stop")["Arguments"].ShouldBeJson("{`ErrorMessage`:``}");
    }
}
