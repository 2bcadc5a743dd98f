using OpenQA.Selenium;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Console;

/// <summary>
/// The console in headless Chromium against a real server on 127.0.0.1: what a person does, with a screenshot per
/// scenario under the test output's screenshots folder. Few and broad, as each costs a browser.
/// </summary>
[Collection(nameof(ConsoleBrowserTests))]
public sealed class ConsoleBrowserTests
{
    private const string Hostile = "<img src=x onerror=\"document.body.dataset.pwned=1\">";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execution_StartedFromTheForm_GraphGoesGreenLiveThenStopRetryAndLog()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "flow", CallbackThenCondition.Replace(
            "\"Parameters\": [", "\"Parameters\": [{\"Name\": \"Note\", \"Type\": \"String\", \"DefaultValue\": " + System.Text.Json.JsonSerializer.Serialize(Hostile) + "}, ", StringComparison.Ordinal));
        using var browser = Browser.Start();
        var driver = browser.Driver;

        // The pipelines, then start from the form with a typed parameter; the execution page opens and its graph follows the engine.
        driver.Navigate().GoToUrl(server.Address);
        browser.Until(d => d.FindElement(By.LinkText("flow")), "the pipelines page");
        driver.FindElement(By.LinkText("flow")).SendKeys(Keys.Enter);
        var threshold = browser.Until(d => d.FindElement(By.CssSelector("input[name=Threshold]")), "the start form");
        threshold.GetAttribute("type").ShouldBe("number");
        browser.Screenshots("pipeline");
        threshold.Clear();
        threshold.SendKeys("3");
        driver.FindElement(By.CssSelector("[data-testid=start]")).Click();
        browser.Until(d => browser.NodeStatus("Approve") == "Executing", "Approve to run");
        browser.NodeStatus("Check").ShouldBe("Pending");
        var panel = browser.Until(d => d.FindElement(By.CssSelector("[data-testid=callback]")), "the callback panel");
        panel.FindElement(By.CssSelector("input")).SendKeys("score=7");
        panel.FindElement(By.CssSelector("button.primary")).Click();
        browser.Until(d => browser.NodeStatus("Check") == "Succeeded", "Check to succeed");
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=execution-status]")).Text == "Succeeded", "the execution to succeed");
        browser.NodeStatus("TooLow").ShouldBe("Skipped", "the Else branch was not taken");
        driver.FindElement(By.CssSelector("main")).Text.ShouldContain(Hostile, Case.Sensitive, "user data shows as text");
        driver.FindElements(By.CssSelector("main img")).ShouldBeEmpty();
        driver.FindElement(By.TagName("body")).GetAttribute("data-pwned").ShouldBeNull();
        browser.Screenshots("execution-succeeded");
        browser.Readable("execution-succeeded", 200);
        browser.Readable("execution-succeeded", 80);

        // Run one step again, reusing the others' results (selective execution).
        var firstUrl = driver.Url;
        driver.FindElement(By.CssSelector("tr[data-step=Check] input[type=checkbox]")).Click();
        driver.FindElement(By.CssSelector("[data-testid=selective]")).Click();
        browser.Until(d => d.Url != firstUrl && d.FindElement(By.CssSelector("[data-testid=execution-status]")).Text == "Succeeded", "the selective execution");
        browser.NodeStatus("Approve").ShouldBe("Succeeded");

        // Stop a running execution, fail its waiting callback, retry it.
        var second = await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "flow" }, Ct);
        var arn = second.PipelineExecutionArn!;
        await CallbackTokenAsync(sm, arn);
        driver.Navigate().GoToUrl(new Uri(server.Address, "#/execution?arn=" + Uri.EscapeDataString(arn)));
        browser.Until(d => browser.NodeStatus("Approve") == "Executing", "the second execution's graph");
        driver.FindElement(By.CssSelector("[data-testid=stop]")).Click();
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=execution-status]")).Text == "Stopping", "Stopping");
        var waiting = browser.Until(d => d.FindElement(By.CssSelector("[data-testid=callback]")), "the callback panel while stopping");
        waiting.FindElement(By.CssSelector("button.danger")).Click();
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=execution-status]")).Text == "Stopped", "Stopped");
        browser.Screenshot("execution-stopped");
        driver.FindElement(By.CssSelector("[data-testid=retry]")).Click();
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=execution-status]")).Text == "Executing", "the retry");
        var token = await CallbackTokenAsync(sm, arn);

        // A step's log, live while it runs and complete once it ends.
        var log = Path.Combine(server.Directory, "logs", second.PipelineExecutionArn!.Split('/')[^1], "Approve.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await File.WriteAllTextAsync(log, "loading data\n", Ct);
        driver.Navigate().GoToUrl(new Uri(server.Address, $"#/step?execution={Uri.EscapeDataString(arn)}&step=Approve"));
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=log]")).Text.Contains("loading data", StringComparison.Ordinal), "the log");
        await File.AppendAllTextAsync(log, "epoch 1 <script>done</script>\n", Ct);
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=log]")).Text.Contains("epoch 1 <script>done</script>", StringComparison.Ordinal), "the log's next line, live");
        await sm.SendPipelineExecutionStepSuccessAsync(new() { CallbackToken = token, OutputParameters = [new("score", "1")] }, Ct);
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=log-state]")).Text.Contains("whole log", StringComparison.Ordinal), "the log's end");
        browser.Screenshots("step-log");
        browser.Readable("step-log", 200);

        // Every execution, newest first, as sluice executions lists them.
        driver.Navigate().GoToUrl(new Uri(server.Address, "#/executions"));
        browser.Until(d => d.FindElements(By.CssSelector("main tbody tr")).Count == 3, "the three executions");
        browser.Screenshot("executions");
        driver.Navigate().GoToUrl(server.Address);
        browser.Until(d => d.FindElement(By.CssSelector("main .status")), "the pipelines page with the last execution");
        browser.Screenshots("pipelines");
    }

    [Fact]
    public async Task ModelRegistry_ApproveButton_ApprovesThePackage()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "register", RegistryPipeline);
        var started = await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "register" }, Ct);
        await WaitAsync(sm, started.PipelineExecutionArn!);
        using var browser = Browser.Start();

        browser.Driver.Navigate().GoToUrl(new Uri(server.Address, "#/models"));
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=approve]")), "the package").Click();
        browser.Until(d => d.FindElement(By.CssSelector("[data-testid=approval]")).Text == "Approved", "the approval");
        browser.Driver.FindElements(By.CssSelector("[data-testid=model]")).Count.ShouldBe(1, "the Model step's model is listed, as sluice models lists it");
        browser.Screenshots("model-registry");

        var package = await sm.DescribeModelPackageAsync(new Sluice.Client.SageMaker.Registry.DescribeModelPackageRequest { ModelPackageName = "arn:aws:sagemaker:us-east-1:000000000000:model-package/Churn/1" }, Ct);
        package.ModelApprovalStatus.ShouldBe("Approved");
    }

    [Fact]
    public async Task Execution_ThousandSteps_InteractiveWithinASecond()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "big", LargePipelines.Grid(1_000, 10));
        var started = await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "big" }, Ct);
        await WaitAsync(sm, started.PipelineExecutionArn!);
        using var browser = Browser.Start();
        var url = new Uri(server.Address, "#/execution?arn=" + Uri.EscapeDataString(started.PipelineExecutionArn!));
        browser.Driver.Navigate().GoToUrl(url); // warm: the server's layout cache and the browser's module cache

        var times = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            browser.Driver.Navigate().GoToUrl("about:blank");
            browser.Driver.Navigate().GoToUrl(url);
            var ready = browser.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready-ms"), "the page to be ready");
            times.Add(int.Parse(ready!, System.Globalization.CultureInfo.InvariantCulture));
            TestContext.Current.SendDiagnosticMessage((string)browser.Driver.ExecuteScript(
                "return JSON.stringify([...performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)]), ['domContentLoaded', Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd)]])")!);
        }

        browser.Driver.FindElements(By.CssSelector("g.node[data-status=Succeeded]")).Count.ShouldBe(1_000);
        browser.Screenshot("execution-1000-steps");
        TestContext.Current.SendDiagnosticMessage("1,000-step execution interactive after " + string.Join(", ", times) + " ms");
        // The goal is 1 s (met on an idle machine: see docs/console.md); the bound leaves room for a busy CI machine
        // and still catches a page that does work per step per step.
        times.Min().ShouldBeLessThan(1_500);
    }

    [Fact]
    public async Task Execution_TenThousandSteps_GroupedAndSearchFindsFocusesAndOpensAStep()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.Engine.SavePipelineIfChangedAsync("huge", LargePipelines.Grid(10_000, 10), Ct); // over the API's 1 MiB limit
        var sm = server.SageMaker();
        var started = await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "huge" }, Ct);
        await WaitAsync(sm, started.PipelineExecutionArn!);
        using var browser = Browser.Start();
        var driver = browser.Driver;

        driver.Navigate().GoToUrl(new Uri(server.Address, "#/execution?arn=" + Uri.EscapeDataString(started.PipelineExecutionArn!)));
        var ready = browser.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready-ms"), "the page to be ready");
        TestContext.Current.SendDiagnosticMessage("10,000-step execution interactive after " + ready + " ms (first open, layout not cached): " + (string)driver.ExecuteScript(
            "return JSON.stringify(performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)]))")!);
        var drawn = Convert.ToInt32(driver.ExecuteScript("return document.querySelectorAll('[data-testid=graph] g.node, [data-testid=graph] g.cluster').length"), System.Globalization.CultureInfo.InvariantCulture);
        drawn.ShouldBeInRange(1, 500, "10,000 steps open as groups, only those in view drawn");
        driver.FindElements(By.CssSelector("g.cluster[data-status=Succeeded]")).ShouldNotBeEmpty();
        browser.Screenshot("execution-10000-steps-groups");

        // A group opens with Enter and shows its steps; search then finds a step in a closed group and focuses it.
        driver.FindElement(By.CssSelector("g.cluster")).SendKeys(Keys.Enter);
        browser.Until(d => d.SwitchTo().ActiveElement().GetAttribute("aria-expanded") == "true", "the group to open");
        driver.FindElements(By.CssSelector("g.node[data-status=Succeeded]")).ShouldNotBeEmpty();
        var search = driver.FindElement(By.CssSelector("[data-testid=graph-search]"));
        search.SendKeys("S07777");
        search.SendKeys(Keys.Enter);
        browser.Until(d => d.SwitchTo().ActiveElement().GetAttribute("data-step") == "S07777", "the step found and focused");
        driver.SwitchTo().ActiveElement().GetAttribute("data-status").ShouldBe("Succeeded");
        browser.Screenshot("execution-10000-steps");
        driver.SwitchTo().ActiveElement().SendKeys(Keys.Enter);
        browser.Until(d => d.FindElement(By.CssSelector("main h1")).Text == "S07777", "the step's page");
    }

    /// <summary>Browser tests run one at a time: each browser takes a core, and the timing test wants it alone.</summary>
    [CollectionDefinition(nameof(ConsoleBrowserTests), DisableParallelization = true)]
    public sealed class Serial;

    private const string RegistryPipeline = """
        {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": null,
         "Steps": [{"Name": "Register", "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "Churn",
           "InferenceSpecification": {"Containers": [{"Image": "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1", "ModelDataUrl": "s3://bucket/model.tar.gz"}],
             "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}},
          {"Name": "ChurnModel", "Type": "Model", "Arguments": {"ExecutionRoleArn": "arn:aws:iam::111122223333:role/SageMakerRole",
           "PrimaryContainer": {"Image": "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1", "ModelDataUrl": "s3://bucket/model.tar.gz"}}}]}
        """;
}
