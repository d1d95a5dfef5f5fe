using System.Net.Sockets;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.Harness.Running;
using Xunit;

namespace Conformance.Harness.Tests.Engine;

/// <summary>A hostile target that floods the harness gets a verdict, and the harness's memory stays bounded.</summary>
public sealed class FloodingServerTests : IDisposable
{
    private const int FloodFrames = 300_000;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(1));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task A_server_flooding_unsolicited_pongs_gets_a_verdict_and_a_bounded_wire_log()
    {
        await using var server = new RawServer(FloodAsync);
        var definition = TestCases.EchoHello();

        var observation = await new CaseRunner(new RunOptions { Target = server.Endpoint }).RunAsync(definition, _timeout.Token);
        var result = Judge.Evaluate(definition, observation);

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("expected [message text \"Hello\"]", result.Reason, StringComparison.Ordinal);
        // The flood is one run of like frames: the first few stored, the rest counted in one note.
        Assert.True(observation.Wire.Count < 50, $"{observation.Wire.Count} wire entries stored: {string.Join(" / ", observation.Wire.Skip(3).Take(8).Select(e => e is FrameEntry f ? f.Describe() : e.ToString()))}");
        Assert.Contains(observation.Wire.OfType<NoteEntry>(), note => note.Text.Contains("more received pong frames like", StringComparison.Ordinal));
    }

    /// <summary>Accepts the handshake, then sends 300,000 empty unsolicited pongs (legal one by one, RFC 6455 5.5.3) and stops.</summary>
    private static async Task FloodAsync(Socket socket, CancellationToken token)
    {
        await RawServer.AcceptHandshakeAsync(socket, token);
        var pongs = new byte[2 * 10_000];
        for (var i = 0; i < pongs.Length; i += 2)
        {
            pongs[i] = 0x8A;
        }

        for (var sent = 0; sent < FloodFrames; sent += 10_000)
        {
            await socket.SendAsync(pongs, token);
        }

        await Task.Delay(Timeout.Infinite, token);
    }
}
