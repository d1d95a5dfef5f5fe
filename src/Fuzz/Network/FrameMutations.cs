namespace Conformance.Fuzz.Network;

/// <summary>
/// Mutations that know RFC 6455 5: flags, opcodes, masks and lengths that lie, frames dropped, doubled, swapped or
/// fragmented, control frames inside messages, payloads edited. Each returns a new input; none throws. The user's
/// tokens (null: none) take half of the token picks of new and edited payloads.
/// </summary>
internal static class FrameMutations
{
    public const int Count = 12;

    public static NetworkInput Apply(int which, NetworkInput input, Random random, Func<NetworkInput>? other, IReadOnlyList<byte[]>? tokens)
    {
        var frames = input.Frames.ToList();
        if (frames.Count == 0 && which is not (8 or 9 or 10))
        {
            which = 9;
        }

        var at = frames.Count == 0 ? 0 : random.Next(frames.Count);
        switch (which)
        {
            case 0: // FIN flipped
                return Replace(input, at, f => f with { Fin = !f.Fin });
            case 1: // RSV bits set (RFC 6455 5.2: MUST be 0 unless an extension says otherwise)
                return Replace(input, at, f => f with { Rsv = (byte)random.Next(8) });
            case 2: // another opcode, reserved ones included
                byte[] opcodes = [0, 1, 2, 8, 9, 10, 3, 7, 11, 15];
                return Replace(input, at, f => f with { Opcode = opcodes[random.Next(opcodes.Length)] });
            case 3: // unmasked, or a zero key (RFC 6455 5.1, 5.3)
                return Replace(input, at, f => random.Next(3) == 0 ? f with { MaskKey = 0 } : f with { Masked = !f.Masked });
            case 4: // a length that lies
                return Replace(input, at, f => f with
                {
                    Length = random.Next(3) == 0 ? NetworkTokens.Lengths[random.Next(NetworkTokens.Lengths.Count)] : (ulong)Math.Max(0, f.Payload.Length + random.Next(-4, 5)),
                });
            case 5: // a frame twice
                frames.Insert(at, frames[at]);
                return Shift(input with { Frames = frames }, at, +1);
            case 6: // a frame dropped
                return input.KeepFrames([.. Enumerable.Range(0, frames.Count).Where(i => i != at)]);
            case 7: // two frames swapped (fragments out of order)
                var with = random.Next(frames.Count);
                (frames[at], frames[with]) = (frames[with], frames[at]);
                return input with { Frames = frames };
            case 8: // a data frame fragmented (RFC 6455 5.4)
                return frames.Count == 0 ? input : Fragment(input, at, random);
            case 9: // a control frame inserted anywhere, inside a message too (RFC 6455 5.4, 5.5)
                var control = RandomControl(random);
                frames.Insert(frames.Count == 0 ? 0 : random.Next(frames.Count + 1), control);
                return input with { Frames = frames };
            case 10: // frames from another input spliced in, or a new data frame
                if (other?.Invoke() is { Frames.Count: > 0 } donor && random.Next(2) == 0)
                {
                    var from = random.Next(donor.Frames.Count);
                    var run = donor.Frames.Skip(from).Take(1 + random.Next(Math.Min(4, donor.Frames.Count - from))).ToList();
                    frames.InsertRange(frames.Count == 0 ? 0 : random.Next(frames.Count + 1), run);
                    return input with { Frames = frames };
                }

                frames.Insert(frames.Count == 0 ? 0 : random.Next(frames.Count + 1), new WireFrame
                {
                    Opcode = (byte)(1 + random.Next(2)),
                    Fin = random.Next(4) != 0,
                    Payload = NetworkTokens.Pick(NetworkTokens.Payloads, tokens, random),
                });
                return input with { Frames = frames };
            default: // the payload edited
                return Replace(input, at, f => f.Raw is not null ? f : f with { Payload = PayloadEdit(f.Payload, random, tokens) });
        }
    }

    private static WireFrame RandomControl(Random random)
    {
        var opcode = (byte)(8 + random.Next(3));
        byte[] payload = opcode == 8
            ? random.Next(3) switch
            {
                0 => [],
                1 => [0x03, 0xe8],
                _ => [.. NetworkTokens.Payloads[6 + random.Next(6)], .. "reason"u8.ToArray().AsSpan(0, random.Next(7))],
            }
            : NetworkTokens.Payloads[random.Next(NetworkTokens.Payloads.Count)];
        return new WireFrame { Opcode = opcode, Payload = payload };
    }

    private static NetworkInput Fragment(NetworkInput input, int at, Random random)
    {
        var frame = input.Frames[at];
        if (frame.Raw is not null || frame.Payload.Length < 2)
        {
            return input;
        }

        var pieces = Math.Min(frame.Payload.Length, 2 + random.Next(3));
        var cuts = Enumerable.Range(0, pieces - 1).Select(_ => 1 + random.Next(frame.Payload.Length - 1)).Distinct().Order().ToList();
        var bounds = new List<int> { 0 };
        bounds.AddRange(cuts);
        bounds.Add(frame.Payload.Length);
        var fragments = new List<WireFrame>();
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            fragments.Add(frame with
            {
                Opcode = i == 0 ? frame.Opcode : (byte)0,
                Fin = i == bounds.Count - 2 && frame.Fin,
                Payload = frame.Payload[bounds[i]..bounds[i + 1]],
                Length = null,
            });
        }

        var frames = input.Frames.ToList();
        frames.RemoveAt(at);
        frames.InsertRange(at, fragments);
        return Shift(input with { Frames = frames }, at, fragments.Count - 1);
    }

    private static byte[] PayloadEdit(byte[] payload, Random random, IReadOnlyList<byte[]>? tokens)
    {
        var bytes = payload.ToList();
        switch (random.Next(tokens is null ? 5 : 6))
        {
            case 0 when bytes.Count > 0:
                bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes.InsertRange(random.Next(bytes.Count + 1), NetworkTokens.Pick(NetworkTokens.Bytes, tokens, random));
                break;
            case 2 when bytes.Count > 0:
                var from = random.Next(bytes.Count);
                bytes.RemoveRange(from, 1 + random.Next(bytes.Count - from));
                break;
            case 3: // grown to a size that crosses a length form (RFC 6455 5.2)
                int[] sizes = [10, 125, 126, 127, 200, 65535, 65536];
                var size = sizes[random.Next(sizes.Length)];
                var fill = bytes.Count > 0 ? bytes[0] : (byte)'*';
                while (bytes.Count < size)
                {
                    bytes.Add(fill);
                }

                break;
            case 5 when tokens is not null: // the user's tokens spliced: a command and its argument (AFL-style)
                return [.. tokens[random.Next(tokens.Count)], (byte)' ', .. tokens[random.Next(tokens.Count)]];
            default:
                return NetworkTokens.Pick(NetworkTokens.Payloads, tokens, random);
        }

        return [.. bytes];
    }

    private static NetworkInput Replace(NetworkInput input, int at, Func<WireFrame, WireFrame> change)
    {
        if (input.Frames.Count == 0 || input.Frames[at].Raw is not null)
        {
            return input;
        }

        var frames = input.Frames.ToList();
        frames[at] = change(frames[at]);
        return input with { Frames = frames };
    }

    /// <summary>Frames after <paramref name="at"/> moved by <paramref name="by"/>: their cuts move with them.</summary>
    private static NetworkInput Shift(NetworkInput input, int at, int by) =>
        input with { Cuts = [.. input.Cuts.Select(cut => cut.Frame > at ? cut with { Frame = cut.Frame + by } : cut)] };
}
