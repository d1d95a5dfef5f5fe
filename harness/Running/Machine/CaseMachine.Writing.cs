using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// Exact writes, one at a time: a step's frames (whole, or chopped into timed pieces) form one group that nothing is
/// written into the middle of; pongs and close frames queue behind it. A write is on the wire when the driver says so.
/// </summary>
public sealed partial class CaseMachine
{
    private readonly LinkedList<OutgoingGroup> _writeQueue = new();
    private OutgoingGroup? _current;
    private int _chunk;
    private bool _writing;
    private bool _writesBroken;
    private TimeSpan? _nextWriteAt;
    private long _largestMessageSent;
    private long _messageSent;

    /// <summary>The last write the driver was given is on the wire.</summary>
    public void WriteCompleted(TimeSpan now)
    {
        _now = now;
        if (!_writing)
        {
            return;
        }

        _writing = false;
        var group = _current!;
        var delay = group.Chunks[_chunk].DelayAfter;
        _chunk++;
        if (_chunk >= group.Chunks.Count)
        {
            _current = null;
            _chunk = 0;
            group.Written?.Invoke();
        }
        else if (delay > TimeSpan.Zero)
        {
            _nextWriteAt = now + delay;
        }

        Advance();
    }

    /// <summary>The last write failed: nothing more can be written (the read side will tell how the connection ended).</summary>
    public void WriteFailed(string error, TimeSpan now)
    {
        _now = now;
        _writing = false;
        _writesBroken = true;
        Note($"write failed: {error}");
        _current = null;
        _writeQueue.Clear();
        StopSteps();
    }

    /// <summary>Hands the driver the next write (or shutdown) when nothing is being written and no chop delay runs.</summary>
    private void PumpWrites()
    {
        while (!_writing && !_writesBroken && !IsFinished)
        {
            if (_nextWriteAt is { } at)
            {
                if (at > _now)
                {
                    return;
                }

                _nextWriteAt = null;
            }

            if (_current is null)
            {
                if (_writeQueue.First is not { } first)
                {
                    return;
                }

                _writeQueue.RemoveFirst();
                _current = first.Value;
                _chunk = 0;
                _current.Starting?.Invoke();
            }

            var chunk = _current.Chunks[_chunk];
            if (chunk.Action is { } action)
            {
                _actions.Enqueue(action);
                _chunk++;
                if (_chunk >= _current.Chunks.Count)
                {
                    var done = _current;
                    _current = null;
                    done.Written?.Invoke();
                }

                continue;
            }

            _writing = true;
            _actions.Enqueue(new WriteAction(chunk.Bytes ?? chunk.Make!()));
        }
    }

    /// <summary>A group of frames: built, logged when its first byte goes, chopped as the case asks.</summary>
    private OutgoingGroup FrameGroup(IReadOnlyList<OutgoingFrame> frames, Chop? chop, bool log, Action? written = null)
    {
        if (chop is null && frames is [{ Spec: { SliceFrom: null, SliceTo: null, Payload.Length: > LargeFrame } spec } big])
        {
            return LargeFrameGroup(spec, big.Plain, log, written);
        }

        var built = frames.Select(frame => (frame.Spec, frame.Plain, Wire: Build(frame.Spec))).ToList();
        var bytes = built.Count == 1 ? FrameSlice(built[0].Spec, built[0].Wire.Bytes) : [.. built.SelectMany(frame => FrameSlice(frame.Spec, frame.Wire.Bytes))];
        var closes = built.Where(frame => (frame.Spec.Opcode & 0x0F) == (byte)Opcode.Close && frame.Spec.SliceFrom is null).Select(frame => frame.Spec).ToList();
        return new OutgoingGroup(Chop(bytes, chop), closes.Count == 0 ? written : () =>
        {
            written?.Invoke();
            closes.ForEach(StepCloseWritten);
        })
        {
            Starting = () =>
            {
                foreach (var (spec, plain, (header, wire)) in built)
                {
                    LogSent(spec, plain, header, wire, log);
                }

                closes.ForEach(OnStepWritesClose);
            },
        };
    }

    /// <summary>A frame this large is masked and handed out a piece at a time, as it is written: a 16 MiB frame costs 1 MiB.</summary>
    private const int LargeFrame = 1 << 20;

    private OutgoingGroup LargeFrameGroup(FrameSpec spec, byte[]? plain, bool log, Action? written)
    {
        if (spec.Masked && spec.MaskKey is null && _settings.MaskKeys is { } keys)
        {
            spec = spec with { MaskKey = keys() };
        }

        var header = FrameBytes.Header(spec);
        var headerBytes = new byte[header.Size];
        FrameWriter.WriteHeader(header, headerBytes);
        var payload = spec.Payload;
        var chunks = new List<OutgoingChunk>((payload.Length / LargeFrame) + 1);
        for (var offset = 0; offset < payload.Length; offset += LargeFrame)
        {
            var from = offset;
            chunks.Add(new OutgoingChunk(null, TimeSpan.Zero)
            {
                Make = () =>
                {
                    var length = Math.Min(LargeFrame, payload.Length - from);
                    var prefix = from == 0 ? headerBytes.Length : 0;
                    var bytes = GC.AllocateUninitializedArray<byte>(prefix + length);
                    headerBytes.AsSpan(0, prefix).CopyTo(bytes);
                    payload.AsSpan(from, length).CopyTo(bytes.AsSpan(prefix));
                    if (header.Masked)
                    {
                        // RFC 6455 5.3: octet i of the payload is XORed with octet i mod 4 of the key, across pieces.
                        Masking.Apply(bytes.AsSpan(prefix), header.MaskKey, from % 4);
                    }

                    return bytes;
                },
            });
        }

        var close = (spec.Opcode & 0x0F) == (byte)Opcode.Close;
        return new OutgoingGroup(chunks, written)
        {
            Starting = () =>
            {
                if (log)
                {
                    _wire.Add(new FrameEntry(WireDirection.Sent, header, headerBytes, payload) { Inflated = plain, InflatedLength = plain?.Length ?? 0 }, _now);
                }

                CountMessage(spec, plain);
                if (close)
                {
                    OnStepWritesClose(spec);
                }
            },
        };
    }

    private (FrameHeader Header, byte[] Bytes) Build(FrameSpec spec)
    {
        // RFC 6455 5.3: a fresh masking key per frame, unless the case fixes one.
        if (spec.Masked && spec.MaskKey is null && _settings.MaskKeys is { } keys)
        {
            spec = spec with { MaskKey = keys() };
        }

        return FrameBytes.Build(spec);
    }

    private void LogSent(FrameSpec spec, byte[]? plain, FrameHeader header, byte[] wire, bool log)
    {
        if (spec.SliceFrom is null && spec.SliceTo is null)
        {
            if (log)
            {
                _wire.Add(new FrameEntry(WireDirection.Sent, header, wire[..header.Size], spec.Payload) { Inflated = plain, InflatedLength = plain?.Length ?? 0 }, _now);
            }

            CountMessage(spec, plain);
            return;
        }

        // One part of a frame written in several timed writes: logged as the bytes it is.
        var (from, to) = FrameBytes.SliceBounds(spec, wire.Length);
        _wire.Add(new RawEntry(WireDirection.Sent, wire[from..to], $"bytes {from}..{to - 1} of {header.Opcode.Name()} frame ({header})"), _now);
        if (from == 0)
        {
            CountMessage(spec, plain);
        }
    }

    private void CountMessage(FrameSpec spec, byte[]? plain)
    {
        var opcode = (Opcode)(spec.Opcode & 0x0F);
        if (opcode.IsControl())
        {
            if (opcode == Opcode.Ping)
            {
                _pingsSent++;
            }

            return;
        }

        var length = plain?.Length ?? spec.Payload.Length;
        _messageSent = opcode == Opcode.Continuation ? _messageSent + length : length;
        _largestMessageSent = Math.Max(_largestMessageSent, _messageSent);
    }

    private static byte[] FrameSlice(FrameSpec spec, byte[] wire)
    {
        var (from, to) = FrameBytes.SliceBounds(spec, wire.Length);
        return from == 0 && to == wire.Length ? wire : wire[from..to];
    }

    /// <summary>The bytes in pieces of <see cref="Chop.Size"/> with <see cref="Chop.Delay"/> after each (one piece without a chop).</summary>
    private static List<OutgoingChunk> Chop(byte[] bytes, Chop? chop)
    {
        if (chop is null || chop.Size <= 0 || chop.Size >= bytes.Length)
        {
            return [new OutgoingChunk(bytes, TimeSpan.Zero)];
        }

        var chunks = new List<OutgoingChunk>((bytes.Length + chop.Size - 1) / chop.Size);
        for (var offset = 0; offset < bytes.Length; offset += chop.Size)
        {
            chunks.Add(new OutgoingChunk(bytes[offset..Math.Min(bytes.Length, offset + chop.Size)], chop.Delay));
        }

        return chunks;
    }

    private void Enqueue(OutgoingGroup group) => _writeQueue.AddLast(group);

    /// <summary>What goes on the wire as one unit, in order: frames' bytes in chunks, or a transport action.</summary>
    private sealed class OutgoingGroup(List<OutgoingChunk> chunks, Action? written)
    {
        public List<OutgoingChunk> Chunks { get; } = chunks;

        /// <summary>Runs when the group's first chunk is handed out (its frames are logged then).</summary>
        public Action? Starting { get; init; }

        /// <summary>Runs when the group's last chunk is on the wire.</summary>
        public Action? Written { get; } = written;

        /// <summary>A pong not yet started may be replaced by a newer one (RFC 6455 5.5.3).</summary>
        public bool IsPong { get; init; }

        /// <summary>A step's frames: dropped from the queue when the steps stop before they begin.</summary>
        public bool IsStep { get; set; }
    }

    /// <summary>Bytes to write, or a transport action, and how long to wait after it.</summary>
    private sealed record OutgoingChunk(byte[]? Bytes, TimeSpan DelayAfter, MachineAction? Action = null)
    {
        /// <summary>Makes the bytes when they are about to be written (a large frame's pieces), when <see cref="Bytes"/> is null.</summary>
        public Func<byte[]>? Make { get; init; }
    }
}
