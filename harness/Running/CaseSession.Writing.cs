using System.Net.Sockets;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Running;

/// <summary>Exact writes: frames as specified (logged as frames), raw bytes, chopped with delays, one writer at a time.</summary>
internal sealed partial class CaseSession
{
    private long _largestMessageSent;
    private long _messageSent;

    /// <summary>Writes the frames as one write (or chopped together); false when the connection is gone.</summary>
    private Task<bool> WriteFramesAsync(IReadOnlyList<FrameSpec> frames, Chop? chop, CancellationToken token) =>
        WriteAsync(frames, prepared: null, chop, log: true, token);

    /// <summary>
    /// Writes <paramref name="frames"/> (compressed here, in wire order, when permessage-deflate is on) or frames already
    /// <paramref name="prepared"/>; logs each (unless <paramref name="log"/> is false: a bulk transfer).
    /// </summary>
    private async Task<bool> WriteAsync(IReadOnlyList<FrameSpec>? frames, IReadOnlyList<OutgoingFrame>? prepared, Chop? chop, bool log, CancellationToken token)
    {
        await _writeLock.WaitAsync(token);
        List<OutgoingFrame> outgoing;
        try
        {
            outgoing = prepared is null ? Outgoing(frames!) : [.. prepared];
            var built = outgoing.Select(frame => (frame.Spec, frame.Plain, Wire: FrameBytes.Build(frame.Spec))).ToList();
            var bytes = built.SelectMany(frame => FrameBytes.Slice(frame.Spec, frame.Wire.Bytes)).ToArray();
            foreach (var (spec, plain, (header, wire)) in built)
            {
                if (spec.SliceFrom is null && spec.SliceTo is null)
                {
                    if (log)
                    {
                        _wire.Add(new FrameEntry(WireDirection.Sent, header, wire[..header.Size], spec.Payload) { Inflated = plain });
                    }

                    CountMessage(spec, plain);
                    continue;
                }

                // One part of a frame written in several timed writes: logged as the bytes it is.
                var (from, to) = FrameBytes.SliceBounds(spec, wire.Length);
                _wire.Add(new RawEntry(WireDirection.Sent, wire[from..to], $"bytes {from}..{to - 1} of {header.Opcode.Name()} frame ({header})"));
                if (from == 0)
                {
                    CountMessage(spec, plain);
                }
            }

            if (!await WriteChoppedAsync(bytes, chop, token))
            {
                return false;
            }
        }
        finally
        {
            _writeLock.Release();
        }

        foreach (var frame in outgoing.Select(frame => frame.Spec).Where(frame => frame.Opcode == (byte)Opcode.Close))
        {
            OnStepWroteClose(frame);
        }

        return true;
    }

    private async Task<bool> WriteRawAsync(byte[] bytes, Chop? chop, CancellationToken token)
    {
        await _writeLock.WaitAsync(token);
        try
        {
            _wire.Add(new RawEntry(WireDirection.Sent, bytes, "raw bytes"));
            return await WriteChoppedAsync(bytes, chop, token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes in pieces of <see cref="Chop.Size"/> bytes with <see cref="Chop.Delay"/> between them; a failed write is logged, not thrown.</summary>
    private async Task<bool> WriteChoppedAsync(byte[] bytes, Chop? chop, CancellationToken token)
    {
        try
        {
            await ChoppedWriter.WriteAsync(_connection.Stream, bytes, chop, token);
            return true;
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            _wire.Add(new NoteEntry($"write failed: {exception.InnerException?.Message ?? exception.Message}"));
            return false;
        }
    }

    private void CountMessage(FrameSpec spec, byte[]? plain)
    {
        var opcode = (Opcode)(spec.Opcode & 0x0F);
        if (opcode.IsControl())
        {
            return;
        }

        var length = plain?.Length ?? spec.Payload.Length;
        _messageSent = opcode == Opcode.Continuation ? _messageSent + length : length;
        _largestMessageSent = Math.Max(_largestMessageSent, _messageSent);
    }
}
