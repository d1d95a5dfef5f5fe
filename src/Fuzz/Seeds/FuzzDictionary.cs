using System.Text;

namespace Conformance.Fuzz.Seeds;

/// <summary>
/// AFL++ dictionaries (<c>-x</c>) of RFC 6455 / RFC 7692 tokens: header names and values, the extension and its
/// parameters, frame header bytes (opcodes with FIN, length forms), close codes and tricky UTF-8.
/// </summary>
public static class FuzzDictionary
{
    private static readonly string[] HandshakeTokens =
    [
        "GET ", " HTTP/1.1\r\n", "HTTP/1.0", "HTTP/1.1 101 Switching Protocols\r\n", "HTTP/1.1 ", "\r\n", "\r\n\r\n", ": ",
        "Host: ", "Upgrade: websocket\r\n", "Upgrade", "websocket", "Connection: Upgrade\r\n", "Connection", "keep-alive",
        "Sec-WebSocket-Key: ", "Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Version", "Sec-WebSocket-Accept: ",
        "Sec-WebSocket-Protocol: ", "Sec-WebSocket-Extensions: ", "Origin: ", "Content-Length", "dGhlIHNhbXBsZSBub25jZQ==",
        "permessage-deflate", "server_no_context_takeover", "client_no_context_takeover", "server_max_window_bits",
        "client_max_window_bits", "=15", "=8", ";", ",", "\"", "chat", "superchat", "\t", " ",
    ];

    private static readonly byte[][] FrameTokens =
    [
        [0x81], [0x82], [0x88], [0x89], [0x8a], [0x80], [0x01], [0x02], [0x00], [0xc1], [0x0b], [0x8f],
        [0x7d], [0x7e], [0x7f], [0xfe], [0xff], [0x7e, 0x00, 0x7e], [0x7f, 0, 0, 0, 0, 0, 0, 0, 0x7e], [0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0],
        [0x37, 0xfa, 0x21, 0x3d], [0x00, 0x00, 0x00, 0x00],
    ];

    private static readonly byte[][] CloseTokens =
    [
        [0x03, 0xe8], [0x03, 0xe9], [0x03, 0xea], [0x03, 0xec], [0x03, 0xed], [0x03, 0xee], [0x03, 0xef], [0x03, 0xf3],
        [0x03, 0xf6], [0x03, 0xf7], [0x0b, 0xb7], [0x0b, 0xb8], [0x0f, 0x9f], [0x0f, 0xa0], [0x13, 0x87], [0x13, 0x88],
    ];

    private static readonly byte[][] Utf8Tokens =
    [
        [0xc0, 0xaf], [0xc2, 0x80], [0xdf, 0xbf], [0xe0, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xef, 0xbf, 0xbf],
        [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe], [0xff],
    ];

    private static readonly byte[][] DeflateTokens =
    [
        [0x00, 0x00, 0xff, 0xff], [0x00], [0x01], [0x02], [0x03, 0x00], [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00], [0x00, 0x05, 0x00, 0xfa, 0xff],
    ];

    /// <summary>The tokens that suit a target (all of them for a target this class does not know).</summary>
    public static IReadOnlyList<byte[]> For(string target)
    {
        var handshake = HandshakeTokens.Select(Encoding.ASCII.GetBytes);
        IEnumerable<byte[]> tokens = target switch
        {
            "frames" => FrameTokens.Concat(CloseTokens).Concat(Utf8Tokens),
            "connection" => FrameTokens.Concat(CloseTokens).Concat(Utf8Tokens).Concat(DeflateTokens),
            "handshake-request" or "handshake-response" => handshake,
            "utf8" => Utf8Tokens,
            "close-payload" => CloseTokens.Concat(Utf8Tokens),
            "inflate" => DeflateTokens,
            _ => FrameTokens.Concat(CloseTokens).Concat(Utf8Tokens).Concat(DeflateTokens).Concat(handshake),
        };
        return tokens.ToList();
    }

    /// <summary>Writes the dictionary of <paramref name="target"/> in AFL++'s format (<c>name="value"</c>, \xNN escapes).</summary>
    public static void WriteTo(string target, string path)
    {
        var text = new StringBuilder();
        var tokens = For(target);
        for (var i = 0; i < tokens.Count; i++)
        {
            text.Append("token_").Append(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).Append("=\"").Append(Escape(tokens[i])).Append("\"\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>AFL++'s dictionary escaping: printable ASCII as is, except backslash and quote; everything else \xNN.</summary>
    public static string Escape(ReadOnlySpan<byte> token)
    {
        var text = new StringBuilder();
        foreach (var b in token)
        {
            if (b is >= 0x20 and < 0x7f && b != '\\' && b != '"')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
