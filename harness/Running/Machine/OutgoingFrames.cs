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
    /// One round trip's message, straight to wire bytes: compressed as a whole when permessage-deflate applies, then split
    /// into frames of <see cref="RoundTripStep.Fragment"/> bytes (Autobahn's auto-fragmentation of the compressed payload),
    /// each masked with a fresh key (RFC 6455 5.3). The frames are described for the wire log only when <paramref name="describe"/>.
    /// </summary>
    public RoundTripMessage RoundTrip(RoundTripStep trips, ReadOnlyMemory<byte> plain, Func<uint> maskKeys, bool describe)
    {
        var template = trips.Frame;
        var compress = _deflater is not null && !template.AsGiven && (Opcode)template.Opcode is Opcode.Text or Opcode.Binary;
        var payload = compress ? _deflater!.Compress(plain.Span, endOfMessage: true) : plain.Span;
        var size = trips.Fragment ?? Math.Max(payload.Length, 1);
        var count = Math.Max(1, (payload.Length + size - 1) / size);
        var headers = new FrameHeader[count];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var length = Math.Clamp(payload.Length - (i * size), 0, size);
            headers[i] = new FrameHeader
            {
                Fin = i == count - 1,
                Rsv1 = ((template.Rsv & 4) != 0) || (i == 0 && compress),
                Rsv2 = (template.Rsv & 2) != 0,
                Rsv3 = (template.Rsv & 1) != 0,
                Opcode = i == 0 ? (Opcode)(template.Opcode & 0x0F) : Opcode.Continuation,
                Masked = template.Masked,
                MaskKey = template.Masked ? template.MaskKey ?? maskKeys() : 0,
                PayloadLength = (ulong)length,
            };
            total += headers[i].Size + length;
        }

        var wire = GC.AllocateUninitializedArray<byte>(total);
        var described = describe ? new List<OutgoingDescription>(count) : null;
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var header = headers[i];
            var part = payload.Slice(Math.Min(payload.Length, i * size), (int)header.PayloadLength);
            var headerSize = FrameWriter.WriteHeader(header, wire.AsSpan(at));
            var body = wire.AsSpan(at + headerSize, part.Length);
            part.CopyTo(body);
            described?.Add(new OutgoingDescription(header, wire[at..(at + headerSize)], part.ToArray(), i == 0 && compress ? plain.ToArray() : null));
            if (header.Masked)
            {
                Masking.Apply(body, header.MaskKey);
            }

            at += headerSize + part.Length;
        }

        return new RoundTripMessage(wire, count, payload.Length, described);
    }

    public void Dispose() => _deflater?.Dispose();
}

/// <summary>A frame as written: the spec serialised, and for a compressed frame the bytes before compression (for the wire log).</summary>
internal sealed record OutgoingFrame(FrameSpec Spec, byte[]? Plain);

/// <summary>A round trip's message as wire bytes: how many frames, how many payload bytes, and (when logged) each frame.</summary>
internal sealed record RoundTripMessage(byte[] Wire, int Frames, int PayloadBytes, IReadOnlyList<OutgoingDescription>? Described);

/// <summary>One frame of a round trip for the wire log: its header, header bytes, unmasked payload and, compressed, the data before.</summary>
internal sealed record OutgoingDescription(FrameHeader Header, byte[] HeaderBytes, byte[] Payload, byte[]? Plain);
