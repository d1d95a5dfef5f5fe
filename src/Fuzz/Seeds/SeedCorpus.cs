using System.Text;
using Conformance.Fuzz.Targets;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Fuzz.Seeds;

/// <summary>
/// Starting inputs for each reference target, generated with the core itself (FrameWriter, the deflater, the
/// handshake's accept key): the kinds of frames, handshakes and close bodies the case catalogue sends, each laid out
/// the way its target reads its input (most start with a control byte).
/// </summary>
public static class SeedCorpus
{
    private const uint MaskKey = 0x37fa213d;

    /// <summary>The seeds of a built-in target by name, or one neutral seed for any other target.</summary>
    public static IReadOnlyList<byte[]> For(string target) => target switch
    {
        "frames" => Frames(),
        "handshake-request" => HandshakeRequests(),
        "handshake-response" => HandshakeResponses(),
        "utf8" => Utf8(),
        "close-payload" => ClosePayloads(),
        "connection" => Connection(),
        "inflate" => Inflate(),
        _ => ["fuzz"u8.ToArray()],
    };

    /// <summary>Writes the seeds of <paramref name="target"/> into <paramref name="directory"/> as seed-000, seed-001, ...</summary>
    public static int WriteTo(string target, string directory)
    {
        Directory.CreateDirectory(directory);
        var seeds = For(target);
        for (var i = 0; i < seeds.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(directory, $"seed-{i:D3}"), seeds[i]);
        }

        return seeds.Count;
    }

    private static byte[] Frame(Opcode opcode, ReadOnlySpan<byte> payload, bool fin = true, bool masked = true, bool rsv1 = false, LengthEncoding encoding = LengthEncoding.Minimal) =>
        FrameWriter.ToBytes(new FrameHeader
        {
            Fin = fin,
            Rsv1 = rsv1,
            Opcode = opcode,
            Masked = masked,
            MaskKey = masked ? MaskKey : 0,
            PayloadLength = (ulong)payload.Length,
            LengthEncoding = encoding,
        }, payload);

    private static byte[] Join(params byte[][] parts) => parts.SelectMany(part => part).ToArray();

    private static byte[] Control(byte control, params byte[][] parts) => Join([[control], .. parts]);

    private static IReadOnlyList<byte[]> ClientFrames() =>
    [
        Frame(Opcode.Text, "Hello, world"u8),
        Frame(Opcode.Binary, new byte[200], encoding: LengthEncoding.Bits16),
        Frame(Opcode.Binary, "x"u8, encoding: LengthEncoding.Bits64),
        Join(Frame(Opcode.Text, "frag"u8, fin: false), Frame(Opcode.Ping, "p"u8), Frame(Opcode.Continuation, "mented"u8)),
        Join(Frame(Opcode.Ping, "ping"u8), Frame(Opcode.Pong, []), Frame(Opcode.Close, [0x03, 0xe8, (byte)'o', (byte)'k'])),
        Frame(Opcode.Text, "κόσμε"u8),
        Frame(Opcode.Text, [0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64]),
        Frame((Opcode)0x3, "reserved"u8),
        Frame(Opcode.Text, "unmasked"u8, masked: false),
        Frame(Opcode.Close, [0x03]),
    ];

    private static List<byte[]> Frames()
    {
        var seeds = ClientFrames().Select((frame, i) => Control((byte)(i * 0x17), frame)).ToList();
        seeds.Add(Control(0x10, Frame(Opcode.Text, "from server"u8, masked: false), Frame(Opcode.Binary, "rsv1"u8, masked: false, rsv1: true)));
        return seeds;
    }

    private static List<byte[]> Connection()
    {
        var seeds = ClientFrames().Select((frame, i) => Control((byte)(i % 2 == 0 ? 0x00 : 0xC3), frame)).ToList();
        seeds.Add(Control(0x01, Frame(Opcode.Text, "to client"u8, masked: false), Frame(Opcode.Close, [0x03, 0xe8], masked: false)));
        using var deflater = new MessageDeflater(15, noContextTakeover: false);
        var compressed = deflater.Compress("Hello Hello Hello Hello"u8, endOfMessage: true).ToArray();
        var again = deflater.Compress("Hello Hello Hello Hello"u8, endOfMessage: true).ToArray();
        seeds.Add(Control(0x3A, Frame(Opcode.Text, compressed, rsv1: true), Frame(Opcode.Text, again, rsv1: true)));
        seeds.Add(Control(0x3E, Frame(Opcode.Text, compressed.AsSpan(0, 3), fin: false, rsv1: true), Frame(Opcode.Continuation, compressed.AsSpan(3))));
        return seeds;
    }

    private static List<byte[]> HandshakeRequests() =>
    [
        Ascii("GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"),
        Ascii("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, permessage-deflate; server_no_context_takeover; server_max_window_bits=10\r\n\r\n"),
        Ascii("GET /x?y=1 HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n"),
        Ascii("POST /chat HTTP/1.0\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n"),
        Ascii("GET / HTTP/1.1\r\nHost: h\r\n folded: value\r\nX:\t\"quoted\" \r\n\r\n"),
    ];

    private static List<byte[]> HandshakeResponses()
    {
        var accept = HandshakeResponseTarget.ExpectedAccept;
        return
        [
            Ascii($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"),
            Ascii($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: chat\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=12; server_no_context_takeover\r\n\r\n"),
            Ascii($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Extensions: x-webkit-deflate-frame\r\n\r\n"),
            Ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
            Ascii("HTTP/1.0 101 \r\nUpgrade: websocket\r\n\r\n"),
        ];
    }

    private static List<byte[]> Utf8() =>
    [
        Control(0, "Hello, world"u8.ToArray()),
        Control(1, "κόσμε"u8.ToArray()),
        Control(2, [0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82, 0xac, 0x24]),
        Control(3, [0xc0, 0xaf, 0x41]),
        Control(4, [0xed, 0xa0, 0x80, 0x41]),
        Control(5, [0xf4, 0x90, 0x80, 0x80]),
        Control(6, [0xce, 0xba, 0xe1, 0xbd]),
    ];

    private static List<byte[]> ClosePayloads() =>
    [
        [],
        [0x03, 0xe8],
        Join([0x03, 0xe8], "normal closure"u8.ToArray()),
        [0x03, 0xed],
        [0x0b, 0xb8, 0xce, 0xba],
        [0x13, 0x87, 0xed, 0xa0, 0x80],
        [0x03],
    ];

    private static List<byte[]> Inflate()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false);
        var first = deflater.Compress("Hello Hello Hello Hello"u8, endOfMessage: true).ToArray();
        var second = deflater.Compress("Hello again Hello"u8, endOfMessage: true).ToArray();
        return
        [
            Control(0x00, first),
            Control(0x02, first, second),
            Control(0x01, [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]),
            Control(0x00, [0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65, 0x6c, 0x6c, 0x6f]),
            Control(0x8E, "round trip text, round trip text"u8.ToArray()),
        ];
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
