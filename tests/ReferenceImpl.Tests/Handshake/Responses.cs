using System.Text;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.ReferenceImpl.Tests.Handshake;

/// <summary>Reads what a server wrote the way a client would.</summary>
internal static class Responses
{
    public static HandshakeResponse Parse(ReadOnlyMemory<byte> bytes) => HandshakeResponseParser.Parse(bytes.Span, HandshakeLimits.Default);

    public static string Body(ReadOnlyMemory<byte> bytes)
    {
        HttpHeadReader.TryFindEnd(bytes.Span, HandshakeLimits.Default, out var headLength);
        return Encoding.UTF8.GetString(bytes.Span[headLength..]);
    }

    public static byte[] Head(params string[] lines) => Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n");
}
