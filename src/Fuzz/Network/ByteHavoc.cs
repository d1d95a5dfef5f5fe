namespace Conformance.Fuzz.Network;

/// <summary>
/// AFL-style byte havoc over one frame's bytes (the frame becomes raw) or one head line: bit flips, interesting bytes,
/// blocks deleted or cloned, dictionary tokens (RFC 6455's, and the user's half of the time when given) inserted or
/// written over.
/// </summary>
internal static class ByteHavoc
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7d, 0x7e, 0x7f, 0x80, 0x81, 0x88, 0xff, (byte)'\r', (byte)'\n', (byte)':', (byte)' '];

    public static NetworkInput Apply(NetworkInput input, Random random, IReadOnlyList<byte[]>? tokens)
    {
        if (input.Frames.Count > 0 && random.Next(4) != 0)
        {
            var at = random.Next(input.Frames.Count);
            var frames = input.Frames.ToList();
            frames[at] = new WireFrame { Raw = Havoc(frames[at].ToBytes(), random, tokens) };
            return input with { Frames = frames };
        }

        var lines = input.Head.ToList();
        if (lines.Count == 0)
        {
            return input;
        }

        var line = random.Next(lines.Count);
        lines[line] = System.Text.Encoding.Latin1.GetString(Havoc(System.Text.Encoding.Latin1.GetBytes(lines[line]), random, tokens));
        return input with { Head = lines };
    }

    public static byte[] Havoc(byte[] original, Random random, IReadOnlyList<byte[]>? tokens)
    {
        var bytes = original.ToList();
        var rounds = 1 + random.Next(4);
        for (var round = 0; round < rounds; round++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(at, 1 + random.Next(Math.Min(16, bytes.Count - at)));
                    break;
                case 3 when bytes.Count > 0:
                    var length = 1 + random.Next(Math.Min(16, bytes.Count - at));
                    bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.InsertRange(at, NetworkTokens.Pick(NetworkTokens.Bytes, tokens, random));
                    break;
                default:
                    var token = NetworkTokens.Pick(NetworkTokens.Bytes, tokens, random);
                    for (var i = 0; i < token.Length && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] = token[i];
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
