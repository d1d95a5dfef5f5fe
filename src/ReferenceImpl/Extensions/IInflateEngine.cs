namespace Conformance.ReferenceImpl.Extensions;

/// <summary>What <see cref="MessageInflater"/> delegates to: the zlib engine or the managed fallback (<see cref="DeflateImplementation"/>).</summary>
internal interface IInflateEngine : IDisposable
{
    void Begin();

    Span<byte> Add(int count);

    void Finish();

    int Read(Span<byte> destination);

    void End();

    void Reset();

    InflateFailure Failure { get; }

    /// <summary>The last message ended, its tail appended, inside a DEFLATE block (not flushed, no final block): see <see cref="MessageInflater.LastMessageEndedInsideBlock"/>.</summary>
    bool LastMessageEndedInsideBlock { get; }

    FullWindowCheck CheckWithFullWindow(ReadOnlySpan<byte> compressedMessage);
}
