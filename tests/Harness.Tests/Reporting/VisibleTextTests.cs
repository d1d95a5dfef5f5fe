using Conformance.Harness.Reporting;
using Xunit;

namespace Conformance.Harness.Tests.Reporting;

/// <summary>Target text made safe for XML writers and terminals: what cannot be shown is shown as its code.</summary>
public sealed class VisibleTextTests
{
    [Theory]
    [InlineData("\u0000", "\\u0000")]
    [InlineData("\u001b[2J", "\\u001B[2J")]
    [InlineData("\u007f\u009b", "\\u007F\\u009B")]
    [InlineData("\ufffe\uffff", "\\uFFFE\\uFFFF")]
    [InlineData("abc\u202edef", "abc\\u202Edef")]
    [InlineData("\u2028", "\\u2028")]
    public void Characters_that_must_not_be_written_are_shown_as_their_code(string text, string expected)
    {
        Assert.Equal(expected, VisibleText.Clean(text, singleLine: false));
    }

    [Fact]
    public void Lone_surrogates_are_shown_as_their_code()
    {
        // Not theory data: xunit's serialisation of test data would replace a lone surrogate before the test sees it.
        Assert.Equal("\\uD800x", VisibleText.Clean("\ud800x", singleLine: false));
        Assert.Equal("x\\uDC00", VisibleText.Clean("x\udc00", singleLine: false));
        Assert.Equal("\\uDC00\\uD800", VisibleText.Clean("\udc00\ud800", singleLine: true));
    }

    [Fact]
    public void Ordinary_text_and_surrogate_pairs_are_kept_as_they_are()
    {
        const string text = "héllo 😀 <&> \\u0001 日本";

        Assert.Same(text, VisibleText.Clean(text, singleLine: true));
    }

    [Fact]
    public void Line_breaks_become_lf_in_multi_line_text_and_a_mark_in_single_line_text()
    {
        Assert.Equal("a\nb\nc\td", VisibleText.Clean("a\r\nb\rc\td", singleLine: false));
        Assert.Equal("a↵b↵c d", VisibleText.Clean("a\r\nb\rc\td", singleLine: true));
    }

    [Fact]
    public void A_cap_keeps_surrogate_pairs_whole()
    {
        Assert.Equal("ab…", VisibleText.Cap("ab😀", 3));
        Assert.Equal("abc", VisibleText.Cap("abc", 3));
        Assert.Equal(string.Empty, VisibleText.Cap(null, 3));
    }

    [Fact]
    public void The_first_line_stops_at_any_line_break()
    {
        Assert.Equal("one", VisibleText.FirstLine("one\r\ntwo"));
        Assert.Equal("one", VisibleText.FirstLine("one\rtwo"));
        Assert.Equal(string.Empty, VisibleText.FirstLine(null));
    }
}
