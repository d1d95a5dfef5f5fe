using Conformance.ReferenceImpl.Framing;

namespace Conformance.Fuzz.Property;

/// <summary>
/// Smaller versions of an exchange, most promising first: one write instead of chops, a frame dropped, a payload
/// halved or emptied. FsCheck keeps the first candidate that still fails and shrinks again.
/// </summary>
public static class ExchangeShrinker
{
    public static IEnumerable<FuzzExchange> Shrink(FuzzExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.Chop != 0)
        {
            yield return exchange with { Chop = 0 };
        }

        // An exchange keeps at least one frame.
        for (var i = 0; exchange.Frames.Count > 1 && i < exchange.Frames.Count; i++)
        {
            yield return exchange with { Frames = [.. exchange.Frames.Take(i), .. exchange.Frames.Skip(i + 1)] };
        }

        // Two neighbouring fragments of one message become one: fewer frames, same message.
        for (var i = 1; i < exchange.Frames.Count; i++)
        {
            var (first, second) = (exchange.Frames[i - 1], exchange.Frames[i]);
            if (!first.Fin && second.Opcode == Opcode.Continuation && !first.Opcode.IsControl())
            {
                var merged = first with { Fin = second.Fin, Payload = [.. first.Payload, .. second.Payload] };
                yield return exchange with { Frames = [.. exchange.Frames.Take(i - 1), merged, .. exchange.Frames.Skip(i + 1)] };
            }
        }

        for (var i = 0; i < exchange.Frames.Count; i++)
        {
            var frame = exchange.Frames[i];
            if (frame.Payload.Length == 0 || frame.Opcode == Opcode.Close)
            {
                continue;
            }

            foreach (var payload in SmallerPayloads(frame.Payload))
            {
                yield return exchange with { Frames = [.. exchange.Frames.Take(i), frame with { Payload = payload }, .. exchange.Frames.Skip(i + 1)] };
            }
        }
    }

    private static IEnumerable<byte[]> SmallerPayloads(byte[] payload)
    {
        yield return [];
        if (payload.Length > 1)
        {
            yield return payload[..(payload.Length / 2)];
            yield return payload[(payload.Length / 2)..];
            yield return payload[1..];
            yield return payload[..^1];
        }
    }
}
