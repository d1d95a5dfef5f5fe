using System.Security.Cryptography;
using System.Text;
using Conformance.Fuzz.Network;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Running;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// The seeds of a network campaign: every server case of the catalogue as a network input: its opening handshake
/// (with the case's edits and permessage-deflate offer), the frames its steps send, and how they reach TCP (a step's
/// own write, its chop, the pauses). Distinct by their bytes; frames larger than <see cref="MaxSeedFrameBytes"/> skipped.
/// </summary>
public static class NetworkSeeds
{
    public const int MaxSeedFrameBytes = 16 * 1024;

    public static IReadOnlyList<NetworkInput> FromCatalogue(IEnumerable<CaseDefinition> catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var seeds = new List<NetworkInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in catalogue.Where(c => c.Roles.HasFlag(CaseRoles.Server)))
        {
            var seed = FromCase(definition);
            if (seed is not null && seen.Add(Convert.ToHexString(SHA256.HashData(seed.ToWireBytes()))))
            {
                seeds.Add(seed);
            }
        }

        return seeds;
    }

    private static NetworkInput? FromCase(CaseDefinition definition)
    {
        var frames = new List<WireFrame>();
        var cuts = new List<WireCut>();
        var delay = TimeSpan.Zero;
        foreach (var step in definition.Steps)
        {
            (IReadOnlyList<FrameSpec> specs, Chop? chop, byte[]? raw) = step switch
            {
                SendFrameStep send => ([send.Frame], send.Chop, null),
                SendFramesStep send => (send.Frames, send.Chop, null),
                RoundTripStep trips => ([trips.Frame], null, null),
                CloseStep close => ([FrameBytes.Close(close.Code, close.Reason)], null, null),
                SendRawStep send => ([], send.Chop, send.Bytes),
                _ => ((IReadOnlyList<FrameSpec>)[], (Chop?)null, (byte[]?)null),
            };
            if (step is PauseStep pauseStep)
            {
                delay = Max(delay, pauseStep.Duration);
                continue;
            }

            var first = frames.Count;
            if (raw is not null && raw.Length <= MaxSeedFrameBytes)
            {
                frames.Add(new WireFrame { Raw = raw });
            }

            foreach (var spec in specs)
            {
                byte[] bytes;
                try
                {
                    bytes = FrameBytes.Build(spec).Bytes;
                }
                catch (Exception exception) when (exception is ArgumentException or OverflowException or InvalidOperationException)
                {
                    continue;
                }

                if (bytes.Length <= MaxSeedFrameBytes)
                {
                    frames.Add(WireFrame.TryRead(bytes)?.Frame ?? new WireFrame { Raw = bytes });
                }
            }

            // Each step is its own write; a chopped step is cut every Size bytes.
            if (first > 0 && frames.Count > first)
            {
                cuts.Add(new WireCut(first, 0));
            }

            if (chop is { Size: > 0 } pieces)
            {
                delay = Max(delay, pieces.Delay);
                for (var f = first; f < frames.Count; f++)
                {
                    var size = frames[f].ToBytes().Length;
                    for (var offset = pieces.Size; offset < size && cuts.Count < NetworkInput.MaxWrites; offset += pieces.Size)
                    {
                        cuts.Add(new WireCut(f, offset));
                    }
                }
            }
        }

        // A test is one short exchange: the first frames of a bulk case are its seed.
        while (frames.Count > NetworkMutator.MaxFrames || frames.Sum(frame => frame.ToBytes().Length) > NetworkMutator.MaxFrameBytes)
        {
            frames.RemoveAt(frames.Count - 1);
        }

        cuts.RemoveAll(cut => cut.Frame >= frames.Count);
        var head = Head(definition.Handshake);
        if (frames.Count == 0 && definition.Handshake is null)
        {
            return null;
        }

        return new NetworkInput
        {
            Head = head,
            HeadChop = definition.Handshake?.Chop?.Size ?? 0,
            FramesWithHead = definition.Handshake?.FramesWithRequest ?? false,
            Frames = frames,
            Cuts = cuts,
            DelayMs = (int)Math.Min(NetworkInput.MaxDelayMs, delay.TotalMilliseconds),
        };
    }

    /// <summary>The case's request head as lines with {host}/{key} placeholders (its edits applied as the runner applies them).</summary>
    private static List<string> Head(HandshakeSpec? spec)
    {
        if (spec?.RawRequest is { } raw)
        {
            return [.. raw.Split("\r\n").TakeWhile(line => line.Length > 0)];
        }

        var requestLine = NetworkInput.DefaultHead[0];
        if (spec is not null && (spec.Method is not null || spec.HttpVersion is not null))
        {
            requestLine = $"{spec.Method ?? "GET"} / HTTP/{spec.HttpVersion ?? "1.1"}";
        }

        var fields = NetworkInput.DefaultHead.Skip(1).Select(line => (Name: line[..line.IndexOf(':', StringComparison.Ordinal)], Line: line)).ToList();
        if (spec?.Deflate is { } deflate)
        {
            fields.Add(("Sec-WebSocket-Extensions", $"Sec-WebSocket-Extensions: {deflate.Offer}"));
        }

        foreach (var (name, value) in spec?.SetHeaders ?? [])
        {
            var at = fields.FindIndex(field => string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase));
            fields.RemoveAll(field => string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase));
            if (value is not null)
            {
                fields.Insert(at < 0 ? fields.Count : at, (name, $"{name}: {value}"));
            }
        }

        fields.AddRange((spec?.AddHeaders ?? []).Select(field => (field.Key, $"{field.Key}: {field.Value}")));
        var lines = new List<string> { requestLine };
        lines.AddRange(fields.Select(field => field.Line));
        return Encoding.Latin1.GetByteCount(string.Join("\r\n", lines)) <= MaxSeedFrameBytes ? lines : [.. NetworkInput.DefaultHead];
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
