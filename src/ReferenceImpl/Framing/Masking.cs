using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Conformance.ReferenceImpl.Framing;

/// <summary>RFC 6455 5.3: the payload is XORed with the 4-byte masking key, byte i with key[i mod 4].</summary>
public static class Masking
{
    /// <summary>
    /// Masks (or unmasks, XOR is its own inverse) <paramref name="data"/> in place. <paramref name="keyOffset"/> is
    /// the position within the payload where <paramref name="data"/> starts modulo 4, so a payload can be processed
    /// in chunks; the return value is the offset for the next chunk.
    /// </summary>
    public static int Apply(Span<byte> data, uint maskKey, int keyOffset = 0)
    {
        keyOffset &= 3;
        if (data.IsEmpty)
        {
            return keyOffset;
        }

        // The key as the wire shows it (big-endian), rotated so data[0] lines up with key[keyOffset];
        // then the same four bytes as a native-order word for whole-word XOR.
        var rotated = BitOperations.RotateLeft(maskKey, keyOffset * 8);
        var key = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(rotated) : rotated;

        var i = 0;
        if (Vector.IsHardwareAccelerated && data.Length >= Vector<byte>.Count)
        {
            var keyVector = new Vector<uint>(key);
            var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(data);
            var keyBytes = Vector.AsVectorByte(keyVector);
            for (var v = 0; v < vectors.Length; v++)
            {
                vectors[v] ^= keyBytes;
            }

            i = vectors.Length * Vector<byte>.Count;
        }

        var words = MemoryMarshal.Cast<byte, uint>(data[i..]);
        for (var w = 0; w < words.Length; w++)
        {
            words[w] ^= key;
        }

        i += words.Length * 4;
        for (var j = 0; i < data.Length; i++, j++)
        {
            data[i] ^= (byte)(rotated >> (24 - (8 * j)));
        }

        return (keyOffset + data.Length) & 3;
    }
}
