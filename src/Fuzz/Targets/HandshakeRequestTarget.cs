using System.Text;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Fuzz.Targets;

/// <summary>
/// The server side of the opening handshake: the request parser and <see cref="ServerHandshake.Evaluate"/>, which
/// promises never to throw for anything a client sends. Invariant: an accepted request is answered 101, a rejected one
/// with its own 4xx/5xx status line; the bare parser throws nothing but <see cref="HandshakeException"/>.
/// </summary>
public static class HandshakeRequestTarget
{
    private static readonly ServerHandshakeOptions Options = new()
    {
        SupportedSubprotocols = ["chat", "superchat"],
        ExtensionNegotiator = new PerMessageDeflateNegotiator(new PerMessageDeflateOptions()),
    };

    public static void Run(ReadOnlySpan<byte> data)
    {
        switch (ServerHandshake.Evaluate(data, Options))
        {
            case ServerHandshakeResult.Accepted accepted:
                FuzzInvariantException.Check(accepted.ResponseBytes.Span.StartsWith("HTTP/1.1 101 "u8), "an accepted handshake is not answered 101");
                break;
            case ServerHandshakeResult.Rejected rejected:
                FuzzInvariantException.Check(rejected.StatusCode is >= 400 and <= 599, $"rejected with status {rejected.StatusCode}");
                FuzzInvariantException.Check(rejected.ResponseBytes.Span.StartsWith(Encoding.ASCII.GetBytes($"HTTP/1.1 {rejected.StatusCode} ")), "the rejection's status line does not carry its status code");
                break;
        }

        try
        {
            _ = HandshakeRequestParser.Parse(data, HandshakeLimits.Default);
        }
        catch (HandshakeException)
        {
            // The parser's own error for malformed heads.
        }
    }
}
