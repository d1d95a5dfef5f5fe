using Conformance.Fuzz.Seeds;

namespace Conformance.Fuzz.Tests.Seeds;

public sealed class AflDictionaryFileTests
{
    [Fact]
    public void Tokens_are_read_with_a_name_a_name_and_level_or_no_name()
    {
        var tokens = AflDictionaryFile.Parse("login=\"LOGIN \"\nkw_join@2=\"JOIN\"\n\"PART\"\nspaced = \"QUIT\"\n", "chat.dict");

        Assert.Equal(["LOGIN ", "JOIN", "PART", "QUIT"], tokens.Select(t => System.Text.Encoding.Latin1.GetString(t)));
    }

    [Fact]
    public void Escapes_give_a_backslash_a_quote_and_any_byte()
    {
        var token = Assert.Single(AflDictionaryFile.Parse("t=\"a\\\\b\\\"c\\x00\\xFF\\x7e\xe9\"", "x.dict"));

        Assert.Equal([(byte)'a', (byte)'\\', (byte)'b', (byte)'"', (byte)'c', 0x00, 0xff, 0x7e, 0xe9], token);
    }

    [Fact]
    public void Blank_lines_comments_and_surrounding_whitespace_are_skipped()
    {
        var text = "# chat protocol\r\n\r\n   \t\n  # indented comment\n\t  cmd=\"NICK\"  \r\n\"#not a comment\"\n";

        Assert.Equal(["NICK", "#not a comment"], AflDictionaryFile.Parse(text, "x.dict").Select(t => System.Text.Encoding.Latin1.GetString(t)));
    }

    [Fact]
    public void Dictionaries_this_tool_writes_for_afl_read_back_to_the_same_tokens()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "all.dict");
        FuzzDictionary.WriteTo("all", path);

        Assert.Equal(FuzzDictionary.For("all"), AflDictionaryFile.Load(path));
    }

    [Fact]
    public void A_utf8_file_gives_its_utf8_bytes_and_a_bom_is_ignored()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "utf8.dict");
        File.WriteAllText(path, "greeting=\"héllo\"\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal("héllo"u8.ToArray(), Assert.Single(AflDictionaryFile.Load(path)));
    }

    [Theory]
    [InlineData("a=\"ok\"\n\nb=\"open", "chat.dict line 3: missing closing quote")]
    [InlineData("a=\"ok\"\nb=\"\"", "chat.dict line 2: empty token")]
    [InlineData("b=\"\\q\"", "chat.dict line 1: invalid escape '\\q\"'")]
    [InlineData("# c\nb=\"\\x4g\"", "chat.dict line 2: invalid escape '\\x4g'")]
    [InlineData("b=\"\\x4\"", "chat.dict line 1: invalid escape '\\x4\"'")]
    [InlineData("a=\"ok\"\nb=\"ok\\\"", "chat.dict line 2: missing closing quote")]
    [InlineData("b=\"x\" # trailing", "chat.dict line 1: text after the closing quote")]
    [InlineData("\n\nname-with-dash=\"x\"", "chat.dict line 3: expected name=\"value\" or \"value\"")]
    [InlineData("bare words", "chat.dict line 1: expected name=\"value\" or \"value\"")]
    [InlineData("a@=\"x\"", "chat.dict line 1: missing level after @")]
    [InlineData("a=\"ok\"\nb=\"\u044f\"", "chat.dict line 2: '\u044f' (U+044F) is not a byte")]
    public void A_malformed_line_is_refused_naming_the_file_the_line_and_the_fault(string text, string message)
    {
        var exception = Assert.Throws<DictionaryFileException>(() => AflDictionaryFile.Parse(text, "chat.dict"));

        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_may_be_128_bytes_as_in_afl_and_no_longer()
    {
        var longest = $"t=\"{new string('a', 120)}\\x00\\x01abcdef\"";
        Assert.Equal(128, Assert.Single(AflDictionaryFile.Parse(longest, "x.dict")).Length);

        var exception = Assert.Throws<DictionaryFileException>(() => AflDictionaryFile.Parse("\"ok\"\n" + $"t=\"{new string('a', 129)}\"", "big.dict"));
        Assert.Equal("big.dict line 2: token of 129 bytes is longer than 128 (AFL's MAX_DICT_FILE)", exception.Message);
    }
}
