using System.Text;
using Conformance.ReferenceImpl.Framing;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Fuzz.Property;

/// <summary>
/// FsCheck generators of client exchanges: valid messages split into fragments at arbitrary points with pings
/// interleaved, TCP chop patterns, close codes and reasons (valid and invalid), invalid UTF-8 at chosen offsets, and
/// protocol violations of each kind inserted into otherwise valid sequences. <see cref="Arbitrary"/> shrinks toward
/// fewer frames, shorter payloads and one write.
/// </summary>
public static class ExchangeGenerators
{
    private static readonly string[] Texts = ["", "Hello", "κόσμε", "fragment", "🎉 party", "ascii and ünïcode", "a longer message that spans several fragments"];

    public static Arbitrary<FuzzExchange> Arbitrary() => Arb.From(Exchange(), ExchangeShrinker.Shrink);

    public static Gen<FuzzExchange> Exchange() =>
        from count in Gen.Choose(1, 5)
        from parts in Gen.ListOf(Part(), count)
        from violation in Gen.Frequency((2, Gen.Constant<Violation?>(null)), (3, ViolationGen().Select(v => (Violation?)v)))
        from at in Gen.Choose(0, parts.Count)
        from closing in Gen.Frequency((3, Gen.Constant<FuzzFrame?>(null)), (1, CloseFrame().Select(f => (FuzzFrame?)f)))
        from chop in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Elements(1, 2, 3, 7, 64)))
        select Assemble(parts, violation, at, closing, chop);

    private static FuzzExchange Assemble(IReadOnlyList<IReadOnlyList<FuzzFrame>> parts, Violation? violation, int at, FuzzFrame? closing, int chop)
    {
        var frames = new List<FuzzFrame>();
        for (var i = 0; i < parts.Count; i++)
        {
            if (violation is not null && i == at && !violation.Inside)
            {
                frames.AddRange(violation.Frames);
            }

            if (violation is not null && i == at && violation.Inside && parts[i].Count > 1)
            {
                // Inside a fragmented message: after its first frame.
                frames.Add(parts[i][0]);
                frames.AddRange(violation.Frames);
                frames.AddRange(parts[i].Skip(1));
                continue;
            }

            frames.AddRange(parts[i]);
        }

        if (violation is not null && at >= parts.Count)
        {
            frames.AddRange(violation.Frames);
        }

        if (closing is not null)
        {
            frames.Add(closing);
        }

        return new FuzzExchange(frames, chop);
    }

    /// <summary>A whole message (text or binary), maybe fragmented at arbitrary points, maybe with pings between fragments; or a lone ping.</summary>
    private static Gen<IReadOnlyList<FuzzFrame>> Part() => Gen.Frequency(
        (5, Message()),
        (1, Payload(125).Select(p => (IReadOnlyList<FuzzFrame>)[new FuzzFrame(Opcode.Ping, true, 0, p)])));

    private static Gen<IReadOnlyList<FuzzFrame>> Message() =>
        from binary in Gen.Elements(false, true)
        from payload in binary ? Payload(300) : Gen.Elements(Texts).Select(Encoding.UTF8.GetBytes)
        from cutCount in Gen.Choose(0, 3)
        from cuts in Gen.ListOf(Gen.Choose(0, payload.Length), cutCount)
        from pings in Gen.ListOf(Gen.Elements(false, false, true), cuts.Count)
        select Fragment(binary ? Opcode.Binary : Opcode.Text, payload, [.. cuts.Distinct().Order()], [.. pings]);

    /// <summary>Splits a payload at the cuts: the first frame carries the opcode, the rest are continuations, FIN on the last.</summary>
    public static IReadOnlyList<FuzzFrame> Fragment(Opcode opcode, byte[] payload, IReadOnlyList<int> cuts, IReadOnlyList<bool> pingsAfter)
    {
        var frames = new List<FuzzFrame>();
        var start = 0;
        var bounds = cuts.Where(c => c > 0 && c < payload.Length).Append(payload.Length).ToList();
        for (var i = 0; i < bounds.Count; i++)
        {
            var last = i == bounds.Count - 1;
            frames.Add(new FuzzFrame(i == 0 ? opcode : Opcode.Continuation, last, 0, payload[start..bounds[i]]));
            if (!last && i < pingsAfter.Count && pingsAfter[i])
            {
                // RFC 6455 5.4: control frames may be injected in the middle of a fragmented message.
                frames.Add(new FuzzFrame(Opcode.Ping, true, 0, Encoding.UTF8.GetBytes($"ping {i}")));
            }

            start = bounds[i];
        }

        return frames;
    }

    private static Gen<byte[]> Payload(int max) =>
        from length in Gen.Frequency((3, Gen.Choose(0, 16)), (1, Gen.Choose(0, max)))
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select bytes;

    /// <summary>A close frame: valid and invalid codes, a 1-byte body, an invalid UTF-8 reason.</summary>
    private static Gen<FuzzFrame> CloseFrame() =>
        from code in Gen.Elements<int>(1000, 1001, 1002, 1003, 1007, 1011, 3000, 4999, 0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535)
        from reason in Gen.Elements("", "bye", "κόσμε")
        from shape in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        select new FuzzFrame(Opcode.Close, true, 0, shape switch
        {
            1 => [0x03],
            2 => [0x03, 0xE8, 0xce, 0xba, 0xed, 0xa0, 0x80],
            _ => [(byte)(code >> 8), (byte)code, .. Encoding.UTF8.GetBytes(reason)],
        });

    /// <summary>Frames that break one rule, and whether they go inside a fragmented message.</summary>
    private sealed record Violation(IReadOnlyList<FuzzFrame> Frames, bool Inside);

    private static Gen<Violation> ViolationGen() => Gen.OneOf(
        // RFC 6455 5.2: reserved opcodes, RSV bits without an extension.
        Gen.Elements<byte>(3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf).Select(o => new Violation([new FuzzFrame((Opcode)o, true, 0, [1, 2])], false)),
        Gen.Elements<byte>(1, 2, 3, 4, 5, 6, 7).Select(r => new Violation([new FuzzFrame(Opcode.Text, true, r, "rsv"u8.ToArray())], false)),
        // RFC 6455 5.4: a continuation with nothing to continue; a new data frame inside a fragmented message.
        Gen.Constant(new Violation([new FuzzFrame(Opcode.Continuation, true, 0, "stray"u8.ToArray())], false)),
        Gen.Constant(new Violation([new FuzzFrame(Opcode.Text, true, 0, "interloper"u8.ToArray())], true)),
        // RFC 6455 5.5: fragmented control frames, control payloads over 125 bytes.
        Gen.Constant(new Violation([new FuzzFrame(Opcode.Ping, false, 0, "half"u8.ToArray())], false)),
        Gen.Constant(new Violation([new FuzzFrame(Opcode.Ping, true, 0, new byte[126])], false)),
        // RFC 6455 5.1: a client frame without a mask.
        Gen.Constant(new Violation([new FuzzFrame(Opcode.Text, true, 0, "unmasked"u8.ToArray(), Masked: false)], false)),
        // RFC 6455 8.1: invalid UTF-8 at a chosen offset of a text message, whole or across fragments.
        from offset in Gen.Choose(0, 20)
        from bad in Gen.Elements<byte[]>([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xce])
        from cut in Gen.Choose(0, offset + 2)
        let payload = (byte[])[.. Encoding.UTF8.GetBytes(new string('a', offset)), .. bad, .. "tail"u8.ToArray()]
        select new Violation(Fragment(Opcode.Text, payload, [cut], []), false));
}
