using System.Text;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;
using Xunit;
using Xunit.Sdk;

namespace Conformance.Interop.Tests.Reference;

/// <summary>
/// The scripted exchange (see <see cref="ExchangeScript"/>) performed by the reference
/// <see cref="WebSocketClient"/> against a third-party echo server, asserting every step.
/// </summary>
public static class ReferenceClientExchange
{
    /// <summary>Runs the exchange against a peer server; a failure message carries the peer's output.</summary>
    public static async Task RunAgainstPeerAsync(PeerProcess server, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(Peers.Endpoint(server), cancellationToken);
        }
        catch (Exception e)
        {
            throw new XunitException($"{e.GetType().Name}: {e.Message}\nPeer server `{server.Command}`:\n{server.DescribeOutput()}", e);
        }
    }

    public static async Task RunAsync(Uri server, CancellationToken cancellationToken)
    {
        await using var client = await WebSocketClient.ConnectAsync(server, new WebSocketClientOptions(), cancellationToken);

        // Text, with a non-ASCII character.
        await client.SendTextAsync(ExchangeScript.Text, cancellationToken);
        var text = await ExpectMessageAsync(client, MessageKind.Text, "the text echo", cancellationToken);
        Assert.Equal(ExchangeScript.Text, text.Text);

        // Binary 0..255.
        var small = ExchangeScript.SmallBinary();
        await client.SendBinaryAsync(small, cancellationToken);
        var binary = await ExpectMessageAsync(client, MessageKind.Binary, "the binary echo", cancellationToken);
        Assert.Equal(small, binary.Payload);

        // A text message in three fragments comes back as one message.
        var fragments = ExchangeScript.Fragments.Select(f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f)).ToList();
        await client.SendFragmentedAsync(MessageKind.Text, fragments, cancellationToken);
        var whole = await ExpectMessageAsync(client, MessageKind.Text, "the fragmented text echo", cancellationToken);
        Assert.Equal(ExchangeScript.FragmentedText, whole.Text);

        // 16 MiB binary.
        var large = ExchangeScript.Large();
        await client.SendBinaryAsync(large, cancellationToken);
        var largeEcho = await ExpectMessageAsync(client, MessageKind.Binary, "the 16 MiB echo", cancellationToken);
        Assert.Equal(large.Length, largeEcho.Payload.Length);
        Assert.Equal(ExchangeScript.Sha256Hex(large), ExchangeScript.Sha256Hex(largeEcho.Payload));

        // Ping, answered by a pong with the same payload.
        await client.PingAsync(ExchangeScript.PingPayload, cancellationToken);
        var pong = await ExpectAsync<ClientEvent.Pong>(client, "the pong", cancellationToken);
        Assert.Equal(ExchangeScript.PingPayload, pong.Payload);

        // Close 1000 "done": the handshake completes and the peer answers 1000.
        var closed = await client.CloseAsync(ExchangeScript.CloseCode, ExchangeScript.CloseReason, cancellationToken);
        Assert.Equal(ExchangeScript.CloseCode, closed.Code);
    }

    private static async Task<ClientEvent.Message> ExpectMessageAsync(
        WebSocketClient client, MessageKind kind, string what, CancellationToken cancellationToken)
    {
        var message = await ExpectAsync<ClientEvent.Message>(client, what, cancellationToken);
        Assert.True(message.Kind == kind, $"Expected {what} as a {kind} message, got a {message.Kind} message of {message.Payload.Length} bytes.");
        return message;
    }

    private static async Task<T> ExpectAsync<T>(WebSocketClient client, string what, CancellationToken cancellationToken)
        where T : ClientEvent
    {
        var received = await client.ReceiveAsync(cancellationToken);
        return received as T
            ?? throw new XunitException($"Expected {what} ({typeof(T).Name}), got {Describe(received)}.");
    }

    private static string Describe(ClientEvent received) => received switch
    {
        ClientEvent.Message m => $"a {m.Kind} message of {m.Payload.Length} bytes",
        ClientEvent.Pong p => $"a pong of {p.Payload.Length} bytes",
        ClientEvent.Closed c => $"a close {c.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no code)"} \"{c.Reason}\"",
        _ => received.GetType().Name,
    };
}
