using System.Text;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;
using Xunit;
using Xunit.Sdk;

namespace Conformance.Interop.Tests.Deflate;

/// <summary>
/// The deflate exchange performed by the reference <see cref="WebSocketClient"/> against a peer echo server: small
/// texts repeated (so context takeover matters), JSON-like text of 64 KiB and 1 MiB, small and 1 MiB binary, empty
/// messages. Every echo must equal what was sent and arrive compressed.
/// </summary>
public static class DeflateExchange
{
    private const string Text = "Hello, wsconform \u2713";

    /// <summary>What the exchange saw: the negotiated header and the compressed size of every echo.</summary>
    public sealed record Outcome(string Extensions, PerMessageDeflateParameters Agreed, IReadOnlyList<(int Length, long WireLength, bool Compressed)> Echoes);

    /// <summary>The messages, in order.</summary>
    public static IReadOnlyList<(MessageKind Kind, byte[] Payload)> Messages()
    {
        var json64K = Encoding.UTF8.GetBytes(JsonText(64 * 1024));
        var json1M = Encoding.UTF8.GetBytes(JsonText(1024 * 1024));
        var small = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var large = Enumerable.Range(0, 1024 * 1024).Select(i => (byte)((i * 31 % 251) ^ ((i >> 12) & 0xFF))).ToArray();
        var text = Encoding.UTF8.GetBytes(Text);
        return
        [
            (MessageKind.Text, text), (MessageKind.Text, text), (MessageKind.Text, text),
            (MessageKind.Text, json64K), (MessageKind.Text, json64K),
            (MessageKind.Binary, small), (MessageKind.Binary, small),
            (MessageKind.Binary, large), (MessageKind.Binary, large),
            (MessageKind.Text, json1M),
            (MessageKind.Text, []), (MessageKind.Binary, []),
            (MessageKind.Text, text),
        ];
    }

    /// <summary>Runs the exchange against a peer server; a failure message carries the peer's output.</summary>
    public static async Task<Outcome> RunAgainstPeerAsync(PeerProcess server, PerMessageDeflateOptions offer, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(Peers.Endpoint(server), offer, cancellationToken);
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"{e.GetType().Name}: {e.Message}\nPeer server `{server.Command}`:\n{server.DescribeOutput()}", e);
        }
    }

    public static async Task<Outcome> RunAsync(Uri server, PerMessageDeflateOptions offer, CancellationToken cancellationToken)
    {
        await using var client = await WebSocketClient.ConnectAsync(server, new WebSocketClientOptions { PerMessageDeflate = offer }, cancellationToken);
        var extensions = client.Response.Headers.GetCombined("Sec-WebSocket-Extensions") ?? "(none)";
        var agreed = client.PerMessageDeflate ?? throw new XunitException($"permessage-deflate was not negotiated; the server answered Sec-WebSocket-Extensions: {extensions}");
        var echoes = new List<(int, long, bool)>();
        foreach (var (index, (kind, payload)) in Messages().Index())
        {
            if (kind == MessageKind.Text)
            {
                await client.SendTextAsync(Encoding.UTF8.GetString(payload), cancellationToken);
            }
            else
            {
                await client.SendBinaryAsync(payload, cancellationToken);
            }

            var received = await client.ReceiveAsync(cancellationToken);
            var echo = received as ClientEvent.Message ?? throw new XunitException($"message {index}: expected its echo, got {received}");
            Assert.True(echo.Kind == kind, $"message {index}: a {kind} message came back as {echo.Kind}");
            Assert.True(echo.Payload.AsSpan().SequenceEqual(payload), $"message {index}: the echo of {payload.Length} bytes differs ({echo.Payload.Length} bytes)");
            echoes.Add((payload.Length, echo.WireLength, echo.Compressed));
        }

        var closed = await client.CloseAsync(CloseCode.NormalClosure, "done", cancellationToken);
        Assert.Equal(CloseCode.NormalClosure, closed.Code);
        return new Outcome(extensions, agreed, echoes);
    }

    /// <summary>Asserts every non-empty echo arrived compressed, and that repeated messages profited from context takeover when it was on.</summary>
    public static void AssertCompressed(Outcome outcome)
    {
        Assert.All(outcome.Echoes.Where(e => e.Length > 0), e => Assert.True(e.Compressed, $"an echo of {e.Length} bytes came back uncompressed ({outcome.Extensions})"));
        var json = outcome.Echoes[3];
        Assert.True(json.WireLength < json.Length / 4, $"64 KiB of JSON came back as {json.WireLength} bytes ({outcome.Extensions})");
        var (first, second) = (outcome.Echoes[0].WireLength, outcome.Echoes[1].WireLength);
        if (outcome.Agreed.ServerNoContextTakeover)
        {
            // RFC 7692 7.1.1.1: without context takeover the same text compresses to the same size every time.
            Assert.True(first == second, $"the repeated text went as {first} then {second} bytes despite server_no_context_takeover ({outcome.Extensions})");
        }
        else
        {
            // RFC 7692 7.2.3.2: with context takeover the second copy refers back into the first.
            Assert.True(second < first, $"the repeated text did not shrink: {first} then {second} bytes ({outcome.Extensions})");
        }
    }

    private static string JsonText(int size)
    {
        var records = new List<string>();
        var length = 2;
        for (var i = 0; length < size; i++)
        {
            var record = $"{{\"id\":{i},\"name\":\"user-{i}\",\"active\":{(i % 2 == 0 ? "true" : "false")},\"score\":{i * 37 % 1000},\"tags\":[\"ws\",\"deflate\"]}}";
            records.Add(record);
            length += record.Length + 1;
        }

        return $"[{string.Join(',', records)}]";
    }
}
