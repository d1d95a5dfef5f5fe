using System.Text;
using Conformance.Fuzz.Seeds;

namespace Conformance.Fuzz.Network;

/// <summary>The dictionary of a network campaign: RFC 6455 / RFC 7692 tokens for payloads and bytes, whole header lines for heads.</summary>
public static class NetworkTokens
{
    /// <summary>Bytes worth inserting anywhere: frame header bytes, close codes, tricky UTF-8, DEFLATE, handshake words.</summary>
    public static readonly IReadOnlyList<byte[]> Bytes = FuzzDictionary.For("all");

    /// <summary>Header lines a server treats specially (RFC 6455 4.1, 4.2.1, 11.3; RFC 7692 5, 7.1; RFC 7230 3.2).</summary>
    public static readonly IReadOnlyList<string> HeaderLines =
    [
        "Sec-WebSocket-Extensions: permessage-deflate",
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
        "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=8; client_no_context_takeover",
        "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=7",
        "Sec-WebSocket-Extensions: permessage-deflate, permessage-deflate",
        "Sec-WebSocket-Extensions: x-unknown-extension",
        "Sec-WebSocket-Protocol: chat, superchat",
        "Sec-WebSocket-Protocol: ",
        "Sec-WebSocket-Version: 8",
        "Sec-WebSocket-Version: 13, 8",
        "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==",
        "Sec-WebSocket-Key: short",
        "Origin: http://127.0.0.1",
        "Connection: keep-alive, Upgrade",
        "Upgrade: WebSocket",
        "Upgrade: h2c",
        "Content-Length: 5",
        "Transfer-Encoding: chunked",
        "Expect: 100-continue",
        "Cookie: a=b",
        "X-Empty:",
        ": no-name",
        "no-colon-at-all",
    ];

    /// <summary>Request lines: other methods, targets and versions (RFC 6455 4.1: GET, HTTP/1.1 or later).</summary>
    public static readonly IReadOnlyList<string> RequestLines =
    [
        "GET / HTTP/1.1", "GET / HTTP/1.0", "GET / HTTP/2.0", "POST / HTTP/1.1", "get / HTTP/1.1", "GET * HTTP/1.1",
        "GET /" + new string('a', 2048) + " HTTP/1.1", "GET http://{host}/ HTTP/1.1", "GET /?a=%00 HTTP/1.1", "GET / HTTP/1.1 extra", "GET  /  HTTP/1.1",
    ];

    /// <summary>Payloads worth sending: empty, short text, invalid UTF-8, close bodies, the control-frame limit.</summary>
    public static readonly IReadOnlyList<byte[]> Payloads =
    [
        [], "Hello"u8.ToArray(), "fragment"u8.ToArray(), [0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
        [0x03, 0xe8], [0x03, 0xe8, (byte)'b', (byte)'y', (byte)'e'], [0x03, 0xf3, (byte)'x'], [0x00, 0x00], [0x03], [0x0b, 0xb8, 0xff],
        Encoding.ASCII.GetBytes(new string('*', 125)), Encoding.ASCII.GetBytes(new string('*', 126)), [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00],
    ];

    /// <summary>
    /// A token of <paramref name="ours"/>, or, when the user gave tokens, one of theirs half of the time. Without user
    /// tokens it draws from <paramref name="random"/> exactly once, as mutations always did (a seed's tests stay the same).
    /// </summary>
    internal static byte[] Pick(IReadOnlyList<byte[]> ours, IReadOnlyList<byte[]>? user, Random random) =>
        user is not null && random.Next(2) == 0 ? user[random.Next(user.Count)] : ours[random.Next(ours.Count)];

    /// <summary>Announced lengths that find off-by-ones and missing limits (RFC 6455 5.2: 7, 16 and 64-bit forms; 10.4).</summary>
    public static readonly IReadOnlyList<ulong> Lengths = [0, 1, 125, 126, 127, 65535, 65536, 1 << 20, int.MaxValue, uint.MaxValue, long.MaxValue, ulong.MaxValue];
}
