using Sluice.Config.Factories;
using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Assemblies;

/// <summary>Factories loaded from the assembly a shared configuration names (tests/Sluice.Config.Tests.Factories, built with these tests).</summary>
public sealed class FactoryAssemblyTests : IDisposable
{
    private const string Notify = """
        step_name: Notify
        step_factory_class: NotificationStepFactory
        channel: "#ml"
        message: "MSE ${parameters.Threshold}"
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("sluice-config-assemblies-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Build_FactoryAssemblyInTheSharedConfig_RegistersItsFactories()
    {
        var built = Configs.BuildWith(SharedWith(Repository.FactoryAssembly), ("notify.yaml", Notify));

        Configs.Step(built, "Notify").ShouldBeJson(
            "{`Name`:`Notify`,`Type`:`Lambda`,`Arguments`:{`channel`:`#ml`,`message`:{`Std:Join`:{`On`:``,`Values`:[`MSE `,{`Get`:`Parameters.Threshold`}]}}}," +
            "`FunctionArn`:`arn:aws:lambda:us-east-1:111122223333:function:notify`,`OutputParameters`:[{`OutputName`:`delivered`,`OutputType`:`Boolean`}]}");
    }

    [Fact]
    public void Build_FactoryFromAnAssembly_ChecksItsOwnConfig()
    {
        var error = Configs.FailsWith(SharedWith(Repository.FactoryAssembly), ("notify.yaml", Notify.Replace("\"#ml\"", "ml", StringComparison.Ordinal)));

        error.Message.ShouldBe("dev/notify.yaml:3: channel: 'ml' is not a channel; channels start with '#'");
    }

    [Fact]
    public void Build_FactoryAssembly_IsRegisteredForTheBuildOnly()
    {
        var factories = StepFactoryRegistry.CreateDefault();

        Configs.BuildWith(factories, ("stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\n"));
        new PipelineBuilder(Configs.Loader(SharedWith(Repository.FactoryAssembly), ("notify.yaml", Notify)), factories).Build(Configs.Environment);

        factories.Contains("NotificationStepFactory").ShouldBeFalse();
    }

    [Fact]
    public void Build_AssemblyThatIsNotThere_FailsAtItsLine()
    {
        var missing = Path.Combine(_work, "Missing.dll");

        var error = Configs.FailsWith(SharedWith(missing), ("notify.yaml", Notify));

        error.Message.ShouldBe($"dev/shared_config.yaml:2: factory_assemblies: cannot load '{missing}': no such file: {missing}");
    }

    [Fact]
    public void Build_FileThatIsNotAnAssembly_FailsAtItsLine()
    {
        var fake = Path.Combine(_work, "Fake.dll");
        File.WriteAllText(fake, "not an assembly");

        var error = Configs.FailsWith(SharedWith(fake), ("notify.yaml", Notify));

        error.Message.ShouldStartWith($"dev/shared_config.yaml:2: factory_assemblies: cannot load '{fake}': ");
    }

    [Fact]
    public void Build_AssemblyWithoutFactories_FailsAtItsLine()
    {
        var sdk = typeof(Sdk.Pipeline).Assembly.Location;

        var error = Configs.FailsWith(SharedWith(sdk), ("notify.yaml", Notify));

        error.Message.ShouldBe($"dev/shared_config.yaml:2: factory_assemblies: '{sdk}' has no public class with a [StepFactory(\"name\")] attribute");
    }

    [Fact]
    public void Build_RelativeAssemblyPath_IsRelativeToTheSharedConfigsFolder()
    {
        var config = Directory.CreateDirectory(Path.Combine(_work, "config", "dev")).FullName;
        File.Copy(Repository.FactoryAssembly, Path.Combine(_work, "config", "Team.Factories.dll"));
        File.WriteAllText(Path.Combine(config, "shared_config.yaml"), Configs.Shared + "\nfactory_assemblies: [../Team.Factories.dll]\n");
        File.WriteAllText(Path.Combine(config, "notify.yaml"), Notify);

        var built = PipelineBuilder.ForDirectory(Path.Combine(_work, "config")).Build("dev");

        Configs.Step(built, "Notify")["Type"]!.GetValue<string>().ShouldBe("Lambda");
    }

    private static string SharedWith(string assembly) => $"project_name: test\nfactory_assemblies: [{assembly}]\nbucket: test-bucket\n" +
        "role_arn: arn:aws:iam::111122223333:role/Test\nparameters: [{name: Threshold, type: Float, default: 0.5}]\n";
}
