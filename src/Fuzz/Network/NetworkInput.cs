using System.Text;

namespace Conformance.Fuzz.Network;

/// <summary>
/// One test of a network campaign: what a client sends a live server, and how it reaches TCP. The opening handshake
/// head as lines (request line, then header fields; <c>{key}</c> and <c>{host}</c> are filled in when sent), then
/// frames, cut into writes at <see cref="Cuts"/> with <see cref="DelayMs"/> between writes; afterwards the client
/// half-closes TCP. Structure-aware mutators edit the lines, frames and cuts; byte havoc turns a frame into raw bytes.
/// </summary>
public sealed record NetworkInput
{
    /// <summary>A valid RFC 6455 4.1 request head, with placeholders.</summary>
    public static readonly IReadOnlyList<string> DefaultHead =
    [
        "GET / HTTP/1.1", "Host: {host}", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13",
    ];

    /// <summary>Writes at most this many pieces (so a test stays short whatever the cuts).</summary>
    public const int MaxWrites = 64;

    /// <summary>The longest pause between writes.</summary>
    public const int MaxDelayMs = 20;

    /// <summary>All the pauses of one test together take at most this long (a test stays short however many writes).</summary>
    public const int MaxTotalDelayMs = 40;

    public IReadOnlyList<string> Head { get; init; } = DefaultHead;

    /// <summary>Write the head in pieces of this many bytes (0: whole).</summary>
    public int HeadChop { get; init; }

    /// <summary>The first write of frames goes in the same write as the head.</summary>
    public bool FramesWithHead { get; init; }

    public IReadOnlyList<WireFrame> Frames { get; init; } = [];

    /// <summary>Where a new write begins: at a byte of a frame (offset 0: at the frame's start). Cuts outside the frames are ignored.</summary>
    public IReadOnlyList<WireCut> Cuts { get; init; } = [];

    /// <summary>The pause between writes, in milliseconds.</summary>
    public int DelayMs { get; init; }

    /// <summary>The head's piece size actually used: <see cref="HeadChop"/>, grown so the head takes at most <see cref="MaxWrites"/> writes (0: whole).</summary>
    public int HeadPieceSize => HeadChop <= 0 ? 0 : Math.Max(HeadChop, (HeadText.Length + MaxWrites - 1) / MaxWrites);

    /// <summary>The pause actually made between writes: <see cref="DelayMs"/>, shortened so all of them fit <see cref="MaxTotalDelayMs"/>.</summary>
    public int PauseMs(int writes) => writes <= 1 ? Math.Min(DelayMs, MaxTotalDelayMs) : Math.Min(Math.Max(0, DelayMs), MaxTotalDelayMs / (writes - 1));

    /// <summary>The head as sent (Latin-1 text ending in an empty line), placeholders not yet filled in.</summary>
    public string HeadText => string.Join("\r\n", Head) + "\r\n\r\n";

    /// <summary>All frames' bytes, in order.</summary>
    public byte[] FrameBytes() => [.. Frames.SelectMany(frame => frame.ToBytes())];

    /// <summary>The frames' bytes cut into writes (never more than <see cref="MaxWrites"/>: the last takes the rest).</summary>
    public IReadOnlyList<byte[]> Writes()
    {
        var frames = Frames.Select(frame => frame.ToBytes()).ToList();
        var starts = new int[frames.Count + 1];
        for (var i = 0; i < frames.Count; i++)
        {
            starts[i + 1] = starts[i] + frames[i].Length;
        }

        byte[] bytes = [.. frames.SelectMany(frame => frame)];
        var positions = Cuts.Where(cut => cut.Frame >= 0 && cut.Frame < frames.Count && cut.Offset >= 0 && cut.Offset < frames[cut.Frame].Length)
            .Select(cut => starts[cut.Frame] + cut.Offset).Where(position => position > 0).Distinct().Order();
        var writes = new List<byte[]>();
        var start = 0;
        foreach (var position in positions)
        {
            if (writes.Count == MaxWrites - 1)
            {
                break;
            }

            writes.Add(bytes[start..position]);
            start = position;
        }

        if (start < bytes.Length)
        {
            writes.Add(bytes[start..]);
        }

        return writes;
    }

    /// <summary>The input with only the frames at <paramref name="keep"/> (in order); cuts move with their frames.</summary>
    public NetworkInput KeepFrames(IReadOnlyList<int> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var renumber = keep.Select((old, index) => (old, index)).ToDictionary(p => p.old, p => p.index);
        return this with
        {
            Frames = [.. keep.Select(i => Frames[i])],
            Cuts = [.. Cuts.Where(cut => renumber.ContainsKey(cut.Frame)).Select(cut => cut with { Frame = renumber[cut.Frame] })],
        };
    }

    /// <summary>Frames and bytes: what minimising makes smaller.</summary>
    public int Size => Frames.Count + Head.Count + Frames.Sum(f => f.WireLength) + Head.Sum(line => line.Length);

    /// <summary>The bytes a client would send, timing aside (the AFL++ queue file of this input).</summary>
    public byte[] ToWireBytes() => [.. Encoding.Latin1.GetBytes(HeadText), .. FrameBytes()];

    /// <summary>
    /// An input from bytes another fuzzer wrote (a queue file): a head up to the first empty line when the bytes start
    /// like an HTTP request, else the default head; then as many whole frames as parse, the rest as raw bytes.
    /// </summary>
    public static NetworkInput FromWireBytes(ReadOnlySpan<byte> bytes)
    {
        IReadOnlyList<string> head = DefaultHead;
        var end = bytes.IndexOf("\r\n\r\n"u8);
        if (bytes.StartsWith("GET "u8) && end >= 0)
        {
            head = Encoding.Latin1.GetString(bytes[..end]).Split("\r\n");
            bytes = bytes[(end + 4)..];
        }

        var frames = new List<WireFrame>();
        while (!bytes.IsEmpty && frames.Count < 256)
        {
            if (WireFrame.TryRead(bytes) is not { } read)
            {
                frames.Add(new WireFrame { Raw = bytes.ToArray() });
                break;
            }

            frames.Add(read.Frame);
            bytes = bytes[read.Size..];
        }

        return new NetworkInput { Head = head, Frames = frames };
    }

    public override string ToString()
    {
        var writes = Writes().Count;
        var pause = PauseMs(writes);
        return $"{Head.Count} head lines{(HeadPieceSize > 0 ? $" in {HeadPieceSize}-byte writes" : string.Empty)}{(FramesWithHead ? ", frames with the head" : string.Empty)}; {(Frames.Count == 0 ? "no frames" : $"{Frames.Count} frames: {string.Join("; ", Frames)}")}"
            + (writes > 1 ? $"; {writes} writes{(pause > 0 ? $" {pause} ms apart" : string.Empty)}" : string.Empty);
    }
}

/// <summary>A write boundary: the next write begins at byte <see cref="Offset"/> of frame <see cref="Frame"/>.</summary>
public readonly record struct WireCut(int Frame, int Offset);
