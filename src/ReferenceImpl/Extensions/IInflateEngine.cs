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

    FullWindowCheck CheckWithFullWindow(ReadOnlySpan<byte> compressedMessage);
}
