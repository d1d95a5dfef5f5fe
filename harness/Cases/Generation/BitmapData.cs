using System.Buffers.Binary;

namespace Conformance.Harness.Cases.Generation;

/// <summary>
/// An 8-bit grayscale BMP, 512 pixels wide: the 54-byte headers, a 256-entry gray palette, then rows of a smooth
/// photo-like image with a little noise (so it compresses as a photo does, partly). 263222 bytes make 512x512.
/// </summary>
internal static class BitmapData
{
    private const int Width = 512;
    private const int HeaderSize = 14 + 40 + 1024;

    public static byte[] Generate(int length, SeededRandom random)
    {
        var rows = Math.Max(1, (length - HeaderSize + Width - 1) / Width);
        var image = new byte[HeaderSize + (rows * Width)];
        var span = image.AsSpan();
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], image.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], Width);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], rows);
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 8);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], rows * Width);
        BinaryPrimitives.WriteInt32LittleEndian(span[46..], 256);
        for (var i = 0; i < 256; i++)
        {
            span[54 + (i * 4)] = span[55 + (i * 4)] = span[56 + (i * 4)] = (byte)i;
        }

        for (var y = 0; y < rows; y++)
        {
            var row = span.Slice(HeaderSize + (y * Width), Width);
            for (var x = 0; x < Width; x++)
            {
                var value = 128 + (60 * Math.Sin(x / 23.0)) + (50 * Math.Cos(y / 17.0)) + (20 * Math.Sin((x + y) / 41.0)) + random.Below(9) - 4;
                row[x] = (byte)Math.Clamp((int)value, 0, 255);
            }
        }

        return length == image.Length ? image : image[..length];
    }
}
