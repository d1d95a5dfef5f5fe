using System.Globalization;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.ClientDriver;

/// <summary>
/// A client driver as every WebSocket library writes one for Autobahn's fuzzingserver: read /getCaseCount, run
/// /runCase?case=N&amp;agent=A for each case with an echo client, then /updateReports?agent=A. A case whose connection
/// fails is the case's business (that is often the test), so the driver goes on with the next.
/// </summary>
public static class AutobahnDriver
{
    /// <summary>Runs every case; returns how many there were.</summary>
    /// <param name="baseUrl">The server's base URL, e.g. ws://127.0.0.1:9001.</param>
    /// <param name="agent">The name the reports use.</param>
    /// <param name="echo">Connects to a URL and echoes until the server closes.</param>
    /// <param name="log">One line per case.</param>
    /// <param name="caseTimeout">A case that takes longer is abandoned.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<int> RunAsync(Uri baseUrl, string agent, Func<Uri, CancellationToken, Task> echo, Action<string> log, TimeSpan caseTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(echo);
        ArgumentNullException.ThrowIfNull(log);
        var root = baseUrl.ToString().TrimEnd('/');
        var count = int.Parse(await ReadOneTextAsync(new Uri($"{root}/getCaseCount"), cancellationToken), CultureInfo.InvariantCulture);
        var name = Uri.EscapeDataString(agent);
        for (var i = 1; i <= count; i++)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(caseTimeout);
            try
            {
                await echo(new Uri($"{root}/runCase?case={i}&agent={name}"), limit.Token);
                log($"case {i}/{count}: done");
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log($"case {i}/{count}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        await ReadOneTextAsync(new Uri($"{root}/updateReports?agent={name}"), cancellationToken);
        return count;
    }

    /// <summary>Connects with the reference client and returns the first text message (or "" when the server just closes).</summary>
    private static async Task<string> ReadOneTextAsync(Uri url, CancellationToken cancellationToken)
    {
        await using var client = await WebSocketClient.ConnectAsync(url, new WebSocketClientOptions { AllowUntrustedCertificate = true }, cancellationToken);
        var text = "";
        while (await client.ReceiveAsync(cancellationToken) is var received && received is not ClientEvent.Closed)
        {
            if (received is ClientEvent.Message message && text.Length == 0)
            {
                text = message.Text;
            }
        }

        return text;
    }
}
