using System.Diagnostics;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>Waiting for bytes without holding a buffer.</summary>
internal static class StreamWaits
{
    /// <summary>
    /// Completes when the stream has bytes to read, or is at its end: a zero-byte read, which NetworkStream and SslStream
    /// complete only then. The caller takes a buffer after it, so an idle connection holds none.
    /// </summary>
    public static async ValueTask WaitForDataAsync(this Stream stream, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAsync(Memory<byte>.Empty, cancellationToken);
        Debug.Assert(read == 0, "a zero-byte read returns no bytes");
    }
}
