using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// The sending side of permessage-deflate (RFC 7692 6, 7.2.1): once negotiated, data messages go out compressed with the
/// agreed parameters of the harness's role, RSV1 on the first frame only. A frame whose RSV bits the case wrote (and a
/// sliced or lying-length frame) goes out exactly as given: the escape hatch for hand-made and broken frames.
/// </summary>
internal sealed class OutgoingFrames : IDisposable
{
    private readonly MessageDeflater? _deflater;

    // The data message being sent was begun compressed, so its continuations are compressed too.
    private bool _sendingCompressed;

    public OutgoingFrames(PerMessageDeflateParameters? agreed, ReferenceImpl.Protocol.Role harnessRole, int level)
    {
        _deflater = agreed is null ? null : new MessageDeflater(agreed.MaxWindowBits(harnessRole), agreed.NoContextTakeover(harnessRole), level);
    }

    /// <summary>The frames as they go on the wire, compressed where permessage-deflate applies.</summary>
    public List<OutgoingFrame> Prepare(IReadOnlyList<FrameSpec> frames)
    {
        var outgoing = new List<OutgoingFrame>(frames.Count);
        foreach (var frame in frames)
        {
            var opcode = (Opcode)(frame.Opcode & 0x0F);
            var data = opcode is Opcode.Text or Opcode.Binary or Opcode.Continuation;
            var exact = frame.AsGiven || frame.SliceFrom is not null || frame.SliceTo is not null || frame.LengthOverride is not null;
            if (_deflater is null || !data || exact || (opcode == Opcode.Continuation && !_sendingCompressed))
            {
                _sendingCompressed &= !(data && opcode != Opcode.Continuation);
                outgoing.Add(new OutgoingFrame(frame, null));
                continue;
            }

            // RFC 7692 6: RSV1 is set on the first frame of a compressed message only.
            var first = opcode != Opcode.Continuation;
            _sendingCompressed = !frame.Fin;
            var compressed = _deflater.Compress(frame.Payload, endOfMessage: frame.Fin).ToArray();
            outgoing.Add(new OutgoingFrame(frame with { Payload = compressed, Rsv = first ? frame.Rsv | 4 : frame.Rsv }, frame.Payload));
        }

        return outgoing;
    }

    /// <summary>
    /// One round trip's message: compressed as a whole when permessage-deflate applies, then split into frames of
    /// <see cref="RoundTripStep.Fragment"/> bytes (Autobahn's auto-fragmentation of the compressed payload).
    /// </summary>
    public List<OutgoingFrame> RoundTrip(RoundTripStep trips, byte[] plain)
    {
        var template = trips.Frame with { AsGiven = true };
        var compress = _deflater is not null && !trips.Frame.AsGiven && (Opcode)trips.Frame.Opcode is Opcode.Text or Opcode.Binary;
        var payload = compress ? _deflater!.Compress(plain, endOfMessage: true).ToArray() : plain;
        var size = trips.Fragment ?? Math.Max(payload.Length, 1);
        var count = Math.Max(1, (payload.Length + size - 1) / size);
        var frames = new List<OutgoingFrame>(count);
        for (var i = 0; i < count; i++)
        {
            var part = count == 1 ? payload : payload[Math.Min(payload.Length, i * size)..Math.Min(payload.Length, (i + 1) * size)];
            var spec = template with
            {
                Opcode = i == 0 ? template.Opcode : (byte)Opcode.Continuation,
                Fin = i == count - 1,
                Payload = part,
                Rsv = i == 0 && compress ? template.Rsv | 4 : template.Rsv,
            };
            frames.Add(new OutgoingFrame(spec, i == 0 && compress ? plain : null));
        }

        return frames;
    }

    public void Dispose() => _deflater?.Dispose();
}

/// <summary>A frame as written: the spec serialised, and for a compressed frame the bytes before compression (for the wire log).</summary>
internal sealed record OutgoingFrame(FrameSpec Spec, byte[]? Plain);
