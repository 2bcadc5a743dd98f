using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Tests.Commands;

/// <summary>
/// <c>sluice run</c> started by a normal user (not root), as a developer runs it: the sandbox is then an unprivileged
/// user namespace, and a probe job's escapes must be held there too. The CLI is copied out of the build folder so that
/// the user can run it wherever the repository lies; the user id owns nothing on this machine.
/// </summary>
public sealed class RunAsUserSandboxTests : IDisposable
{
    private const int User = 1_899_990;
    private readonly string _root = Directory.CreateTempSubdirectory("sluice-as-user-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task Run_AsANormalUser_ProbeJobEscapesAreHeld()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "becoming another user needs root; CI runs the tests as root");
        var cli = Path.Combine(_root, "cli");
        CopyFolder(AppContext.BaseDirectory, cli);
        var data = Path.Combine(_root, "data");
        var home = Path.Combine(_root, "home");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(data, "objects", "probe", "code"));
        File.Copy(Path.Combine(cli, "Probe", "escape_probe.py"), Path.Combine(data, "objects", "probe", "code", "probe.py"));
        await File.WriteAllTextAsync(Path.Combine(data, "secret.txt"), "the data directory", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_root, "sluice.yaml"), "jobs:\n  limits: {processes: 64, open_files: 128}\n", TestContext.Current.CancellationToken);

        // A process of the same user outside the sandbox: the job must not see, signal or trace it.
        using var sibling = Start(["/bin/sleep", "120"], home);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await File.WriteAllTextAsync(Path.Combine(_root, "probe.json"), Definition(data, sibling.Id, port), TestContext.Current.CancellationToken);
        Own(_root);

        using var run = Start([Path.Combine(cli, "sluice"), "run", Path.Combine(_root, "probe.json"), "--data", data, "--config", Path.Combine(_root, "sluice.yaml")], home);
        var output = await run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await run.WaitForExitAsync(TestContext.Current.CancellationToken);
        sibling.Kill();

        run.ExitCode.ShouldBe(0, output + errors);
        var log = Directory.EnumerateFiles(Path.Combine(data, "logs"), "Probe.log", SearchOption.AllDirectories).Single();
        var results = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadLines(log).Last(l => l.StartsWith('{')))!;
        results.Count.ShouldBeGreaterThanOrEqualTo(34);
        results.Where(r => !r.Value.StartsWith("held", StringComparison.Ordinal)).ShouldBeEmpty();
        results["is_root"].ShouldBe($"held: uid {User}");
    }

    private static string Definition(string data, int siblingPid, int port)
    {
        var environment = new JsonObject
        {
            ["PROBE_DATA_DIRECTORY"] = data,
            ["PROBE_STORE_FILE"] = Path.Combine(data, "secret.txt"),
            ["PROBE_OTHER_JOB_FILE"] = Path.Combine(data, "objects", "probe", "code", "probe.py"),
            ["PROBE_REPOSITORY"] = AppContext.BaseDirectory,
            ["PROBE_HOST_TMP_FILE"] = Path.Combine(data, "secret.txt"),
            ["PROBE_LOG_FILE"] = Path.Combine(data, "logs"),
            ["PROBE_HOST_PID"] = siblingPid.ToString(CultureInfo.InvariantCulture),
            ["PROBE_HOST_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["PROBE_PROCESS_ATTEMPTS"] = "200",
            ["PROBE_FILE_ATTEMPTS"] = "500",
        };
        var step = new JsonObject
        {
            ["Name"] = "Probe",
            ["Type"] = "Processing",
            ["Arguments"] = new JsonObject
            {
                ["ProcessingResources"] = new JsonObject { ["ClusterConfig"] = new JsonObject { ["InstanceType"] = "ml.m5.xlarge", ["InstanceCount"] = 1, ["VolumeSizeInGB"] = 1 } },
                ["AppSpecification"] = new JsonObject
                {
                    ["ImageUri"] = "python:3",
                    ["ContainerEntrypoint"] = new JsonArray("/usr/bin/python3", "/opt/ml/processing/input/code/probe.py"),
                },
                ["RoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole",
                ["ProcessingInputs"] = new JsonArray(new JsonObject
                {
                    ["InputName"] = "code",
                    ["S3Input"] = new JsonObject { ["S3Uri"] = "s3://probe/code", ["LocalPath"] = "/opt/ml/processing/input/code", ["S3DataType"] = "S3Prefix", ["S3InputMode"] = "File" },
                }),
                ["Environment"] = environment,
            },
        };
        return new JsonObject { ["Version"] = "2020-12-01", ["Parameters"] = new JsonArray(), ["Steps"] = new JsonArray(step) }.ToJsonString();
    }

    private static Process Start(IEnumerable<string> command, string home)
    {
        var id = User.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("setpriv", [$"--reuid={id}", $"--regid={id}", "--clear-groups", "--", .. command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        return Process.Start(start)!;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void Own(string root)
    {
        using var chown = Process.Start("chown", ["-R", $"{User}:{User}", root])!;
        chown.WaitForExit();
        chown.ExitCode.ShouldBe(0);
    }
}
