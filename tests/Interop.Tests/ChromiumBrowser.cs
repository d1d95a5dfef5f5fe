using Microsoft.Playwright;
using Xunit;

namespace Conformance.Interop.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, shared by the browser interop tests. It never downloads
/// a browser: it launches <c>/usr/bin/chromium</c> headless with the flags this machine needs.
/// The browser starts on first use, so a missing Chromium fails the test with a clear message.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private readonly SemaphoreSlim _launchLock = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Opens <paramref name="page"/> in a fresh context and waits (bounded) for its title to leave <c>RUNNING</c>.</summary>
    public async Task<BrowserPageOutcome> RunPageAsync(Uri page, TimeSpan timeout)
    {
        var browser = await GetBrowserAsync();
        await using var context = await browser.NewContextAsync();
        var tab = await context.NewPageAsync();
        var console = new List<string>();
        tab.Console += (_, message) =>
        {
            lock (console)
            {
                console.Add($"{message.Type}: {message.Text}");
            }
        };
        tab.PageError += (_, error) =>
        {
            lock (console)
            {
                console.Add($"pageerror: {error}");
            }
        };

        var timeoutMs = (float)timeout.TotalMilliseconds;
        await tab.GotoAsync(page.AbsoluteUri, new PageGotoOptions { Timeout = timeoutMs, WaitUntil = WaitUntilState.Load });
        string result;
        try
        {
            await tab.WaitForFunctionAsync("() => document.title !== 'RUNNING'", null, new PageWaitForFunctionOptions { Timeout = timeoutMs });
            result = await tab.TitleAsync();
        }
        catch (TimeoutException)
        {
            result = $"FAIL: the page did not finish within {timeout.TotalSeconds:0} s";
        }

        var summary = await tab.InnerTextAsync("#summary", new PageInnerTextOptions { Timeout = 5_000 });
        var log = await tab.InnerTextAsync("#log", new PageInnerTextOptions { Timeout = 5_000 });
        lock (console)
        {
            return new BrowserPageOutcome(result, summary, log, [.. console]);
        }
    }

    /// <summary>A fresh browser context (dispose it) for a test that drives a page itself.</summary>
    public async Task<IBrowserContext> NewContextAsync() => await (await GetBrowserAsync()).NewContextAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _launchLock.Dispose();
    }

    private async Task<IBrowser> GetBrowserAsync()
    {
        await _launchLock.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            var executable = PeerLocator.Chromium;
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = LaunchArgs,
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
            });
            return _browser;
        }
        finally
        {
            _launchLock.Release();
        }
    }
}
