using Microsoft.Extensions.Configuration;
using Sluice.Server.Hosting;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Hosting;

/// <summary>
/// The web host watches no configuration file: ASP.NET Core's defaults would watch the whole tree of its content root,
/// and with it the server's own database and log when they lie below it. (That the content root is not the current
/// directory is tested end to end, where the current directory can differ: ServeRuntimeTests in Sluice.Cli.Tests.)
/// </summary>
public sealed class HostSettingsTests
{
    [Fact]
    public async Task Build_ConfigurationFiles_AreNotWatched()
    {
        await using var server = await ServerHarness.StartAsync();
        await using var app = SluiceServer.Build(server.Engine, "http://127.0.0.1:0");

        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        files.ShouldNotBeEmpty(); // appsettings.json is still looked for (in the install folder), only never watched
        files.ShouldAllBe(provider => !provider.Source.ReloadOnChange);
    }
}
