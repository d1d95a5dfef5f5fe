using Conformance.ReferenceImpl.Framing;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Framing;

public class MaskingTests
{
    // RFC 6455 5.3: octet i of the transformed data is octet i of the original XOR octet (i MOD 4) of the key.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Masking_xors_byte_i_with_key_byte_i_mod_4(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var masked = data.ToArray();
        Masking.Apply(masked, 0x01020304);
        byte[] key = [1, 2, 3, 4];
        for (var i = 0; i < length; i++)
        {
            Assert.Equal((byte)(data[i] ^ key[i % 4]), masked[i]);
        }
    }

    [Fact]
    public void Masking_in_chunks_at_any_offset_equals_masking_whole()
    {
        var data = Enumerable.Range(0, 1001).Select(i => (byte)i).ToArray();
        var whole = data.ToArray();
        Masking.Apply(whole, 0xA1B2C3D4);
        var chunked = data.ToArray();
        var offset = 0;
        foreach (var (start, length) in new[] { (0, 3), (3, 1), (4, 97), (101, 900) })
        {
            offset = Masking.Apply(chunked.AsSpan(start, length), 0xA1B2C3D4, offset);
        }

        Assert.Equal(whole, chunked);
    }
}
