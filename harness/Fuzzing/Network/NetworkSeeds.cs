using System.Security.Cryptography;
using System.Text;
using Conformance.Fuzz.Network;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// The seeds of a network campaign: every server case of the catalogue as a network input: its opening handshake
/// (with the case's edits and permessage-deflate offer), the frames its steps send, and how they reach TCP (a step's
/// own write, its chop, the pauses). Distinct by their bytes; frames larger than <see cref="MaxSeedFrameBytes"/> skipped.
/// </summary>
public static class NetworkSeeds
{
    public const int MaxSeedFrameBytes = 16 * 1024;

    /// <summary>A host no test reaches: it becomes the {host} placeholder again.</summary>
    private static readonly WebSocketAddress Placeholder = WebSocketAddress.Parse(new Uri("ws://wsconform.invalid/"));

    private static readonly RunOptions PlaceholderOptions = new() { Target = new Uri("ws://wsconform.invalid/") };

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
                    var size = frames[f].WireLength;
                    for (var offset = pieces.Size; offset < size && cuts.Count < NetworkInput.MaxWrites; offset += pieces.Size)
                    {
                        cuts.Add(new WireCut(f, offset));
                    }
                }
            }
        }

        // A test is one short exchange: the first frames of a bulk case are its seed.
        while (frames.Count > NetworkMutator.MaxFrames || frames.Sum(frame => frame.WireLength) > NetworkMutator.MaxFrameBytes)
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

    /// <summary>The head the runner would send for the case (its edits applied by the runner's own builder), with {host}/{key} placeholders.</summary>
    private static List<string> Head(HandshakeSpec? spec)
    {
        var request = HandshakeRequestBuilder.Build(Placeholder, PlaceholderOptions, spec);
        var text = Encoding.Latin1.GetString(request.Bytes).Replace(Placeholder.HostHeader, "{host}", StringComparison.Ordinal).Replace(request.Validator.Key, "{key}", StringComparison.Ordinal);
        List<string> lines = [.. text.Split("\r\n").TakeWhile(line => line.Length > 0)];
        return Encoding.Latin1.GetByteCount(text) <= MaxSeedFrameBytes ? lines : [.. NetworkInput.DefaultHead];
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
