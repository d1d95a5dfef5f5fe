namespace Conformance.ReferenceImpl.Extensions;

/// <summary>What <see cref="MessageDeflater"/> delegates to: the zlib engine or the managed fallback (<see cref="DeflateImplementation"/>).</summary>
internal interface IDeflateEngine : IDisposable
{
    /// <inheritdoc cref="MessageDeflater.Compress"/>
    ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> data, bool endOfMessage);
}
