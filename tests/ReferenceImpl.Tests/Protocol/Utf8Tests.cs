using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Protocol;

/// <summary>RFC 6455 8.1: text is UTF-8 (RFC 3629); an invalid sequence fails the connection with 1007, as early as it is known.</summary>
public class Utf8Tests
{
    [Theory]
    [InlineData("")]
    [InlineData("48656c6c6f")]                   // ASCII
    [InlineData("cebae1bdb9cf83cebcceb5")]       // κόσμε
    [InlineData("f0908080")]                     // U+10000
    [InlineData("f48fbfbf")]                     // U+10FFFF, the last code point
    [InlineData("efbfbf")]                       // U+FFFF, a noncharacter but well-formed
    [InlineData("ed9fbf")]                       // U+D7FF, just below the surrogates
    public void Well_formed_sequences_are_valid(string hex)
    {
        var v = default(Utf8Validator);
        Assert.True(v.Advance(Convert.FromHexString(hex)));
        Assert.True(v.IsComplete);
    }

    [Theory]
    [InlineData("80")]              // lone continuation
    [InlineData("c0af")]            // overlong '/'
    [InlineData("c1bf")]            // overlong
    [InlineData("e080af")]          // overlong 3-byte
    [InlineData("eda080")]          // U+D800, a surrogate
    [InlineData("edbfbf")]          // U+DFFF
    [InlineData("f08080af")]        // overlong 4-byte
    [InlineData("f4908080")]        // above U+10FFFF
    [InlineData("f5")]              // never a lead byte
    [InlineData("fe")]
    [InlineData("ff")]
    [InlineData("c320")]            // lead byte followed by ASCII
    public void Ill_formed_sequences_are_invalid(string hex)
    {
        var v = default(Utf8Validator);
        Assert.False(v.Advance(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("f4", "90")]       // second byte already above U+10FFFF
    [InlineData("ed", "a0")]       // second byte already a surrogate
    [InlineData("e0", "80")]       // second byte already overlong
    public void Validation_fails_at_the_byte_where_a_split_sequence_becomes_invalid(string first, string second)
    {
        var v = default(Utf8Validator);
        Assert.True(v.Advance(Convert.FromHexString(first)));
        Assert.False(v.IsComplete);
        Assert.False(v.Advance(Convert.FromHexString(second)));
    }

    [Fact]
    public void Code_point_split_across_every_boundary_is_valid()
    {
        var bytes = Convert.FromHexString("41cebae1bdb9f0908080cf83");
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var v = default(Utf8Validator);
            Assert.True(v.Advance(bytes.AsSpan(0, cut)));
            Assert.True(v.Advance(bytes.AsSpan(cut)));
            Assert.True(v.IsComplete);
        }
    }

    [Fact]
    public void Invalid_utf8_text_message_fails_with_1007()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Text, Convert.FromHexString("cebae1bdb9cf83cebcceb5eda080656469746564")));
        Assert.Equal(ProtocolRule.InvalidUtf8InText, Assert.IsType<ConnectionFailed>(Assert.Single(events)).Violation.Rule);
        Assert.Equal((ushort)1007, d.WrittenCloseCode());
    }

    [Fact]
    public void Invalid_utf8_fails_at_the_fragment_where_it_becomes_invalid_not_at_message_end()
    {
        var d = new ConnectionDriver();
        Assert.Empty(d.Feed(d.PeerFrame(Opcode.Text, Convert.FromHexString("cebae1bdb9cf83cebcceb5"), fin: false)));
        var events = d.Feed(d.PeerFrame(Opcode.Continuation, Convert.FromHexString("f4908080"), fin: false));
        Assert.IsType<ConnectionFailed>(Assert.Single(events));
        Assert.Equal((ushort)1007, d.WrittenCloseCode());
    }

    [Fact]
    public void Invalid_utf8_fails_before_the_rest_of_a_chopped_frame_arrives()
    {
        var d = new ConnectionDriver();
        var frame = d.PeerFrame(Opcode.Text, [.. Convert.FromHexString("cebae1bdb9cf83cebcceb5f4908080"), .. new byte[1000]]);
        var events = d.Feed(frame[..(6 + 15)]);
        Assert.IsType<ConnectionFailed>(Assert.Single(events));
    }

    [Fact]
    public void Text_message_ending_inside_a_sequence_fails_with_1007()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Text, Convert.FromHexString("41e282")));
        Assert.Equal(ProtocolRule.IncompleteUtf8AtMessageEnd, Assert.IsType<ConnectionFailed>(Assert.Single(events)).Violation.Rule);
        Assert.Equal((ushort)1007, d.WrittenCloseCode());
    }

    [Fact]
    public void Text_split_inside_code_points_across_fragments_is_delivered()
    {
        var d = new ConnectionDriver();
        var bytes = Convert.FromHexString("cebae1bdb9cf83cebcceb5");
        var frames = bytes.Select((b, i) => d.PeerFrame(i == 0 ? Opcode.Text : Opcode.Continuation, [b], fin: i == bytes.Length - 1)).ToArray();
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), Assert.IsType<MessageReceived>(Assert.Single(d.Feed(frames))).Text);
    }

    [Fact]
    public void Binary_messages_are_not_checked_for_utf8()
    {
        var d = new ConnectionDriver();
        Assert.IsType<MessageReceived>(Assert.Single(d.Feed(d.PeerFrame(Opcode.Binary, [0xFF, 0xFE]))));
    }
}
