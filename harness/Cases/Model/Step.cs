namespace Conformance.Harness.Cases.Model;

/// <summary>One thing the harness does to the peer, in order. Writes are exact: what a step says is what goes on the wire.</summary>
public abstract record Step(SourceLocation Source);

/// <summary>How a write is split: into pieces of <see cref="Size"/> bytes with <see cref="Delay"/> between them.</summary>
public sealed record Chop(int Size, TimeSpan Delay);

/// <summary>Writes one frame, whole or chopped.</summary>
public sealed record SendFrameStep(FrameSpec Frame, Chop? Chop, SourceLocation Source) : Step(Source);

/// <summary>Writes several frames in one write (one TCP segment where possible), or chopped as a whole.</summary>
public sealed record SendFramesStep(IReadOnlyList<FrameSpec> Frames, Chop? Chop, SourceLocation Source) : Step(Source);

/// <summary>Writes bytes that need not be a frame at all.</summary>
public sealed record SendRawStep(byte[] Bytes, Chop? Chop, SourceLocation Source) : Step(Source);

/// <summary>
/// Waits. When <see cref="Mark"/> is set and the connection is still open after the pause, the event
/// <c>mark</c> is recorded (Autobahn's "timeout" tag), so outcomes can say how far the peer let the case get.
/// </summary>
public sealed record PauseStep(TimeSpan Duration, string? Mark, SourceLocation Source) : Step(Source);

/// <summary>Starts the close handshake from our side: a close frame with a code (or none) and reason.</summary>
public sealed record CloseStep(ushort? Code, string Reason, SourceLocation Source) : Step(Source);

/// <summary>Half-closes (FIN) or resets (RST) our side of the TCP connection.</summary>
public sealed record ShutdownStep(bool Reset, SourceLocation Source) : Step(Source);

/// <summary>
/// Sends <see cref="Frame"/> <see cref="Count"/> times, each only after the peer's echo of the previous one arrived
/// (Autobahn 9.7/9.8: a round-trip latency probe). With <see cref="Window"/> each message is the next slice of a data
/// set instead (Autobahn 12/13); with <see cref="Fragment"/> each message goes out in frames of that many bytes (of the
/// compressed payload when permessage-deflate is on, as Autobahn's auto-fragmentation does).
/// </summary>
public sealed record RoundTripStep(FrameSpec Frame, int Count, SourceLocation Source) : Step(Source)
{
    public RoundTripWindow? Window { get; init; }

    public int? Fragment { get; init; }
}

/// <summary>A sliding window over <see cref="Data"/>: message i is the <see cref="Size"/> bytes after message i-1, wrapping at the end.</summary>
public sealed record RoundTripWindow(byte[] Data, int Size)
{
    /// <summary>The payload of round trip <paramref name="index"/> (0-based): a view of the data, copied only where it wraps.</summary>
    public ReadOnlyMemory<byte> Slice(int index)
    {
        if (Data.Length == 0 || Size == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var from = (int)((long)index * Size % Data.Length);
        if (from + Size <= Data.Length)
        {
            return Data.AsMemory(from, Size);
        }

        var slice = new byte[Size];
        for (var filled = 0; filled < Size;)
        {
            var take = Math.Min(Size - filled, Data.Length - from);
            Data.AsSpan(from, take).CopyTo(slice.AsSpan(filled));
            filled += take;
            from = (from + take) % Data.Length;
        }

        return slice;
    }
}
