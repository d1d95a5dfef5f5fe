using System.Text.Json;
using Xunit;

namespace Conformance.Interop.Tests;

/// <summary>Checks the one-line JSON summary a peer client script prints on success.</summary>
public static class PeerSummary
{
    private static readonly string LargeSha256 = ExchangeScript.Sha256Hex(ExchangeScript.Large());

    /// <summary>Asserts the client succeeded and that its summary reports every step of the exchange.</summary>
    public static JsonElement AssertFullExchange(PeerRunResult run)
    {
        Assert.True(run.Succeeded, run.Describe());
        JsonElement summary;
        try
        {
            summary = JsonDocument.Parse(run.LastOutputLine).RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"The client's last stdout line is not its JSON summary ({e.Message}).\n{run.Describe()}");
            throw;
        }

        Assert.True(summary.GetProperty("text").GetBoolean(), run.Describe());
        Assert.Equal(256, summary.GetProperty("binary").GetInt32());
        Assert.Equal(ExchangeScript.Fragments.Length, summary.GetProperty("fragmented").GetInt32());
        Assert.Equal(ExchangeScript.LargeSize, summary.GetProperty("large").GetInt32());
        Assert.Equal(LargeSha256, summary.GetProperty("largeSha256").GetString());
        Assert.Equal(ExchangeScript.PingPayloadText, summary.GetProperty("pong").GetString());
        Assert.Equal(ExchangeScript.CloseCode, summary.GetProperty("closeCode").GetInt32());
        return summary;
    }

    /// <summary>Asserts the browser page passed; the browser API offers no fragmentation and no ping.</summary>
    public static void AssertBrowserExchange(BrowserPageOutcome outcome)
    {
        Assert.True(outcome.Passed, outcome.Describe());
        var summary = JsonDocument.Parse(outcome.Summary).RootElement;
        Assert.Equal(ExchangeScript.LargeSize, summary.GetProperty("large").GetInt32());
        Assert.Equal(LargeSha256, summary.GetProperty("largeSha256").GetString());
        Assert.Equal(ExchangeScript.CloseCode, summary.GetProperty("closeCode").GetInt32());
        Assert.True(summary.GetProperty("wasClean").GetBoolean(), outcome.Describe());
    }
}
