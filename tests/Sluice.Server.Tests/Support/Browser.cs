using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Sluice.Server.Tests.Support;

/// <summary>
/// Debian's headless Chromium driven through its own chromedriver (both from apt, installed by scripts/test); nothing is
/// downloaded. Screenshots go to <c>screenshots/</c> beside the test assembly.
/// </summary>
internal sealed class Browser : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string DriverPath = "/usr/bin/chromedriver";

    private readonly ChromeDriverService _service;

    private Browser(ChromeDriverService service, ChromeDriver driver)
    {
        _service = service;
        Driver = driver;
    }

    public ChromeDriver Driver { get; }

    /// <summary>Starts a browser; a clear failure when Chromium or its driver is missing.</summary>
    public static Browser Start()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException($"The browser tests need {ChromiumPath} and {DriverPath}: apt-get install --no-install-recommends chromium chromium-driver (scripts/test does).");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900", "--no-first-run", "--disable-extensions");
        try
        {
            return new Browser(service, new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>Waits (up to 30 s) until <paramref name="condition"/> holds; the page's text is in the failure.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, string what)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(30)) { PollingInterval = TimeSpan.FromMilliseconds(50) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(condition);
        }
        catch (WebDriverTimeoutException e)
        {
            Screenshot("timeout-" + string.Concat(what.Where(char.IsLetterOrDigit)));
            throw new TimeoutException($"Waited 30 s for {what}; the page says: {Driver.FindElement(By.TagName("body")).Text}", e);
        }
    }

    /// <summary>The status the graph shows for a step.</summary>
    public string? NodeStatus(string step) =>
        Driver.FindElements(By.CssSelector("g.node")).FirstOrDefault(n => n.GetAttribute("data-step") == step)?.GetAttribute("data-status");

    /// <summary>Saves a screenshot under the test output's screenshots folder.</summary>
    public string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>Saves the page in the light and the dark colour scheme (<c>NAME.png</c>, <c>NAME-dark.png</c>); the dark one must be dark.</summary>
    public void Screenshots(string name)
    {
        Screenshot(name);
        ColourScheme("dark");
        try
        {
            Driver.ExecuteScript("return getComputedStyle(document.body).backgroundColor").ShouldBe("rgb(13, 17, 23)", "the console follows the dark colour scheme");
            Screenshot(name + "-dark");
        }
        finally
        {
            ColourScheme("light");
        }
    }

    /// <summary>
    /// Shows the page as the browser zoomed to <paramref name="percent"/> would (the 1280×900 window's CSS size divided,
    /// the device pixels multiplied), checks nothing needs sideways scrolling and no text is smaller than 9 CSS pixels,
    /// and saves <c>NAME-zoomPERCENT.png</c>.
    /// </summary>
    public void Readable(string name, int percent)
    {
        var factor = percent / 100.0;
        Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = (int)(1280 / factor), ["height"] = (int)(900 / factor), ["deviceScaleFactor"] = factor, ["mobile"] = false,
        });
        try
        {
            var overflow = Driver.ExecuteScript("""
                return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                  && !e.closest('svg, pre, .graph, .timeline')).slice(0, 3).map(e => e.tagName + ' ' + e.textContent.slice(0, 40)).join('; ')
                """);
            overflow.ShouldBe(string.Empty, $"at {percent}% nothing is wider than the window");
            var smallest = Convert.ToDouble(Driver.ExecuteScript("""
                return Math.min(...[...document.querySelectorAll('main *, header *')].filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                  .map(e => parseFloat(getComputedStyle(e).fontSize)))
                """), System.Globalization.CultureInfo.InvariantCulture);
            smallest.ShouldBeGreaterThanOrEqualTo(9, $"at {percent}% no HTML text is tiny");
            Screenshot($"{name}-zoom{percent}");
        }
        finally
        {
            Driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", new Dictionary<string, object?>());
        }
    }

    private void ColourScheme(string scheme) =>
        Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?>
        {
            ["features"] = new object[] { new Dictionary<string, object?> { ["name"] = "prefers-color-scheme", ["value"] = scheme } },
        });

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        _service.Dispose();
    }
}
