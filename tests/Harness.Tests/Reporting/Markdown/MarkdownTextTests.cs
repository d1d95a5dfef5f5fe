using Conformance.Harness.Reporting.Markdown;
using Xunit;

namespace Conformance.Harness.Tests.Reporting.Markdown;

/// <summary>Escaping target text for GitHub Markdown: the same characters render, nothing is interpreted.</summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("*b* _i_", "\\*b\\* \\_i\\_")]
    [InlineData("[x](y)", "\\[x\\](y)")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;")]
    [InlineData("$math$ ~~del~~", "\\$math\\$ \\~\\~del\\~\\~")]
    [InlineData("#1 @user ![img]", "\\#1 \\@user \\!\\[img\\]")]
    [InlineData("one\r\ntwo\nthree\rfour", "one↵two↵three↵four")]
    [InlineData("tab\there", "tab here")]
    public void Markdown_and_html_specials_are_escaped(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(text));
    }

    [Theory]
    [InlineData("see https://evil.example/x", "see https\\://evil.example/x")]
    [InlineData("see www.evil.example", "see www\\.evil.example")]
    [InlineData("RFC 6455: 5.2.", "RFC 6455: 5.2.")]
    public void Autolinks_are_broken_and_ordinary_colons_and_dots_are_left_alone(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(text));
    }

    [Fact]
    public void Control_characters_are_shown_as_their_code()
    {
        Assert.Equal("a\\\\u0001b\\\\u001B\\[31m", MarkdownText.Escape("a\u0001b\u001b[31m"));
    }

    [Fact]
    public void The_escaped_text_never_exceeds_its_cap_and_ends_with_an_ellipsis_when_cut()
    {
        var escaped = MarkdownText.Escape(string.Concat(Enumerable.Repeat("<|\u0001", 1000)), 100);

        Assert.True(escaped.Length <= 100, escaped);
        Assert.EndsWith("…", escaped, StringComparison.Ordinal);
        Assert.Equal("short", MarkdownText.Escape("short", 5));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var escaped = MarkdownText.Escape(string.Concat(Enumerable.Repeat("😀", 50)), 10);

        Assert.Equal("😀😀😀😀…", escaped);
    }

    [Fact]
    public void Html_block_text_is_html_encoded_only()
    {
        Assert.Equal("a &lt;b&gt; *c* &amp; \\u0007", MarkdownText.EscapeHtml("a <b> *c* & \u0007"));
    }
}
