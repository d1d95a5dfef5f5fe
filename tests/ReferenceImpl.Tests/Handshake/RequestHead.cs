using System.Text;

namespace Conformance.ReferenceImpl.Tests.Handshake;

/// <summary>Builds request heads for tests: the RFC 6455 1.3 sample request, with lines replaced, added or removed.</summary>
internal sealed class RequestHead
{
    public const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";
    public const string SampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private readonly List<string> _lines;

    private RequestHead(IEnumerable<string> lines) => _lines = [.. lines];

    /// <summary>The valid handshake of RFC 6455 1.2, without Origin and subprotocols.</summary>
    public static RequestHead Valid() => new(
    [
        "GET /chat HTTP/1.1",
        "Host: server.example.com",
        "Upgrade: websocket",
        "Connection: Upgrade",
        $"Sec-WebSocket-Key: {SampleKey}",
        "Sec-WebSocket-Version: 13",
    ]);

    public RequestHead RequestLine(string line)
    {
        _lines[0] = line;
        return this;
    }

    /// <summary>Removes every field with this name.</summary>
    public RequestHead Without(string name)
    {
        _lines.RemoveAll(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        return this;
    }

    /// <summary>Replaces every field with this name by one line "name: value".</summary>
    public RequestHead Set(string name, string value) => Without(name).Add($"{name}: {value}");

    /// <summary>Appends a raw line.</summary>
    public RequestHead Add(string line)
    {
        _lines.Add(line);
        return this;
    }

    public byte[] Bytes() => Encoding.Latin1.GetBytes(string.Join("\r\n", _lines) + "\r\n\r\n");
}
