using System.Text.RegularExpressions;
using Conformance.Fuzz.Seeds;
using Conformance.Fuzz.Targets;

namespace Conformance.Fuzz.Tests;

public sealed partial class SeedAndDictionaryTests
{
    [Fact]
    public void Dictionary_tokens_are_escaped_the_way_afl_reads_them()
    {
        Assert.Equal("GET \\x22\\x5c\\x0d\\x0a\\x81", FuzzDictionary.Escape([.. "GET \"\\\r\n"u8, 0x81]));
    }

    [Fact]
    public void Every_target_gets_a_dictionary_of_well_formed_lines_with_the_rfc_tokens()
    {
        using var temp = new TempDirectory();
        foreach (var target in ReferenceTargets.All.Keys)
        {
            var path = Path.Combine(temp.Path, target + ".dict");
            FuzzDictionary.WriteTo(target, path);
            var lines = File.ReadAllLines(path);
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.Matches(DictionaryLine(), line));
        }

        FuzzDictionary.WriteTo("handshake-request", Path.Combine(temp.Path, "h.dict"));
        var handshake = File.ReadAllText(Path.Combine(temp.Path, "h.dict"));
        Assert.Contains("\"permessage-deflate\"", handshake, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Key: ", handshake, StringComparison.Ordinal);
    }

    [Fact]
    public void Seeds_are_written_one_file_each()
    {
        using var temp = new TempDirectory();
        var count = SeedCorpus.WriteTo("frames", temp.Path);
        Assert.Equal(count, Directory.GetFiles(temp.Path).Length);
        Assert.True(count >= 5);
    }

    [GeneratedRegex("^token_[0-9]{3}=\"([\\x20-\\x7e])*\"$")]
    private static partial Regex DictionaryLine();
}
