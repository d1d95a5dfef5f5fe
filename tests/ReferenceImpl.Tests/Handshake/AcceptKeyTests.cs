using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class AcceptKeyTests
{
    [Fact]
    public void Accept_key_is_sha1_of_key_and_guid_base64()
    {
        // RFC 6455 1.3 / 4.2.2 item 5.4, the RFC's own example.
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", AcceptKey.Compute("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    [Fact]
    public void Key_of_16_bytes_in_base64_is_valid()
    {
        Assert.True(AcceptKey.IsValidClientKey("dGhlIHNhbXBsZSBub25jZQ=="));
        Assert.True(AcceptKey.IsValidClientKey(Convert.ToBase64String(new byte[16])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dGhlIHNhbXBsZQ==")] // 10 bytes
    [InlineData("dGhlIHNhbXBsZSBub25jZQ")] // no padding
    [InlineData("dGhlIHNhbXBsZSBub25jZSE=")] // 17 bytes
    [InlineData("dGhlIHNhbXBsZSBub25jZSEh")] // 18 bytes
    [InlineData("dGhlIHNhbXBsZSBub25j ZQ=")] // space inside
    [InlineData("dGhlIHNhbXBsZSBub25jZ!==")] // not base64
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 24 bytes
    public void Key_not_decoding_to_16_bytes_is_invalid(string key)
    {
        // RFC 6455 4.2.1 item 5: base64 that decodes to exactly 16 bytes.
        Assert.False(AcceptKey.IsValidClientKey(key));
    }

    [Fact]
    public void Nonce_encodes_to_a_valid_key()
    {
        var key = AcceptKey.EncodeNonce([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        Assert.True(AcceptKey.IsValidClientKey(key));
        Assert.Throws<ArgumentException>(() => AcceptKey.EncodeNonce(new byte[15]));
    }
}
