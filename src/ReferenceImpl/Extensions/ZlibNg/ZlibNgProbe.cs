using System.Runtime.InteropServices;
using Conformance.ReferenceImpl.Extensions.Zlib;

namespace Conformance.ReferenceImpl.Extensions.ZlibNg;

/// <summary>
/// Whether the runtime's zlib-ng works for permessage-deflate, tried once (<see cref="ZlibAvailability"/>): the
/// runtime's libSystem.IO.Compression.Native loads and has the CompressionNative_* exports, RFC 7692 7.2.3.1's "Hello"
/// round-trips at every window 9..15 (and inflates with an 8-bit one), ending in the 0x00 0x00 0xff 0xff of a sync
/// flush, and the z_stream behind the PAL struct has zlib.h's layout: its next/avail counts mirror the PAL struct's, and
/// its data_type tells a stream stopped inside a block from one stopped before a block header.
/// </summary>
internal static class ZlibNgProbe
{
    /// <summary>Null when usable, else why not.</summary>
    public static string? Run()
    {
        try
        {
            for (var bits = PerMessageDeflate.MinWindowBits + 1; bits <= PerMessageDeflate.MaxWindowBits; bits++)
            {
                if (RoundTripProblem(bits) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                                      or TypeInitializationException or InvalidOperationException or MarshalDirectiveException)
        {
            return $"no usable zlib-ng in the runtime: {e.Message}";
        }
    }

    private static string? RoundTripProblem(int bits)
    {
        ReadOnlySpan<byte> hello = "Hello"u8;
        using var deflater = new ZlibNgDeflater(bits, MessageDeflater.FastDynamicLevel);
        var compressed = new DeflateOutput();
        deflater.CompressWithSyncFlush(hello, compressed);
        if (!compressed.Written.EndsWith(PerMessageDeflate.Trailer))
        {
            return $"zlib-ng's sync flush at window {bits} did not end in 0x00 0x00 0xff 0xff";
        }

        Span<byte> inflated = stackalloc byte[16];
        foreach (var inflateBits in bits == PerMessageDeflate.MinWindowBits + 1 ? [PerMessageDeflate.MinWindowBits, bits] : new[] { bits })
        {
            using var inflater = new ZlibNgInflater(inflateBits);

            // Half the data first: the stream stops inside the block, and the z_stream must say so and mirror the PAL counts.
            var half = compressed.Count / 2;
            inflater.Inflate(compressed.Written[..half], inflated, out var consumed, out var written);
            var (inner, pal) = inflater.Fields;
            if (consumed != half || inflater.AtBlockBoundary || inner.AvailIn != pal.AvailIn || inner.AvailOut != pal.AvailOut
                || inner.TotalIn.Value != (nuint)half || inner.TotalOut.Value != (nuint)written)
            {
                return $"zlib-ng's z_stream does not have zlib.h's layout (window {inflateBits})";
            }

            var status = inflater.Inflate(compressed.Written[half..], inflated[written..], out consumed, out var rest);
            if (status != ZlibInflateStatus.Progress || consumed != compressed.Count - half || !inflated[..(written + rest)].SequenceEqual(hello)
                || !inflater.AtBlockBoundary)
            {
                return $"zlib-ng did not inflate its own output back (window {inflateBits})";
            }
        }

        return null;
    }
}
