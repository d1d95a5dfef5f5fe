using Conformance.Harness.Benchmarking;
using Conformance.Harness.Cli;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.Harness.Tests.Benchmarking;

public sealed class BenchInputTests
{
    [Theory]
    [InlineData("32", 32)]
    [InlineData("512B", 512)]
    [InlineData("64KiB", 65536)]
    [InlineData("64k", 65536)]
    [InlineData("1MiB", 1048576)]
    [InlineData("0", 0)]
    public void Sizes_are_read_with_binary_units(string text, int expected)
    {
        Assert.True(ByteSizeText.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("KiB")]
    [InlineData("12 parsecs")]
    [InlineData("65MiB")]
    [InlineData("-4")]
    public void Sizes_that_are_not_sizes_or_beyond_64_MiB_are_refused(string text) => Assert.False(ByteSizeText.TryParse(text, out _));

    [Theory]
    [InlineData("ws://127.0.0.1:9001/", "127.0.0.1:9001", "ws://127.0.0.1:9001/")]
    [InlineData("kestrel=ws://127.0.0.1:5000/echo?x=a=b", "kestrel", "ws://127.0.0.1:5000/echo?x=a=b")]
    [InlineData("wss://localhost:8443/", "localhost:8443", "wss://localhost:8443/")]
    public void Targets_are_a_url_or_name_equals_url(string text, string name, string url)
    {
        var target = BenchTarget.Parse(text);

        Assert.Equal(name, target.Name);
        Assert.Equal(new Uri(url), target.Url);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("name=")]
    [InlineData("127.0.0.1:9001")]
    public void Targets_that_are_not_websocket_urls_are_refused_with_the_forms_to_use(string text)
    {
        var exception = Assert.Throws<FormatException>(() => BenchTarget.Parse(text));
        Assert.Contains("ws://", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(0xFFFF_FFFFL)]
    public void Payload_matches_itself_whole_and_in_pieces_and_not_another_sequence(long sequence)
    {
        var payload = new EchoPayload(40, MessageKind.Text, compressible: false);
        var bytes = payload.For(sequence).ToArray();

        Assert.True(payload.Matches(sequence, 0, bytes));
        Assert.True(payload.Matches(sequence, 0, bytes.AsSpan(0, 3)));
        Assert.True(payload.Matches(sequence, 3, bytes.AsSpan(3, 10)));
        Assert.True(payload.Matches(sequence, 13, bytes.AsSpan(13)));
        Assert.False(payload.Matches(sequence + 1, 0, bytes));
        Assert.True(System.Text.Unicode.Utf8.IsValid(bytes));
    }

    [Fact]
    public void Payload_shorter_than_the_stamp_still_carries_the_sequence()
    {
        var payload = new EchoPayload(3, MessageKind.Binary, compressible: false);
        var first = payload.For(1).ToArray();

        Assert.True(payload.Matches(1, 0, first));
        Assert.False(payload.Matches(2, 0, first));
    }

    [Fact]
    public void Check_sink_accepts_the_expected_echo_in_pieces_and_refuses_an_extra_byte()
    {
        var payload = new EchoPayload(10, MessageKind.Binary, compressible: false);
        var sink = new EchoCheckSink(payload) { ExpectedSequence = 7 };
        var bytes = payload.For(7).ToArray();

        sink.Begin(MessageKind.Binary, compressed: false);
        sink.Append(bytes.AsSpan(0, 4), 6);
        sink.Append(bytes.AsSpan(4), 0);
        sink.End();
        Assert.True(sink.LastWasCorrect);

        sink.Begin(MessageKind.Binary, compressed: false);
        sink.Append(bytes, 1);
        sink.Append([0], 0);
        sink.End();
        Assert.False(sink.LastWasCorrect);

        sink.Begin(MessageKind.Text, compressed: false);
        sink.Append(bytes, 0);
        sink.End();
        Assert.False(sink.LastWasCorrect);
    }

    [Fact]
    public void Scenario_labels_name_the_load()
    {
        Assert.Equal("echo 32 B x 64", new BenchScenario { Size = 32, Connections = 64 }.Label);
        Assert.Equal("echo 64 KiB x 1 deflate", new BenchScenario { Size = 65536, Connections = 1, Deflate = true }.Label);
        Assert.Equal("hold 10000", new BenchScenario { Mode = BenchMode.Hold, Hold = 10000 }.Label);
    }

    [Fact]
    public void Ranged_payload_draws_each_length_from_the_range_the_same_way_every_time()
    {
        var payload = new EchoPayload(16, MessageKind.Binary, compressible: false, maxSize: 1000);
        var lengths = Enumerable.Range(0, 2000).Select(n => payload.LengthOf(n)).ToList();

        Assert.All(lengths, length => Assert.InRange(length, 16, 1000));
        Assert.Equal(lengths, Enumerable.Range(0, 2000).Select(n => payload.LengthOf(n)));
        Assert.True(lengths.Distinct().Count() > 500, "the lengths spread over the range");
        Assert.Equal(payload.LengthOf(7), payload.For(7).Length);
    }

    [Fact]
    public void Check_sink_with_a_range_wants_each_message_at_its_own_length()
    {
        var payload = new EchoPayload(16, MessageKind.Binary, compressible: false, maxSize: 4096);
        var sink = new EchoCheckSink(payload) { ExpectedSequence = 3 };
        var third = payload.For(3).ToArray();

        sink.Begin(MessageKind.Binary, compressed: false);
        sink.Append(third, 0);
        sink.End();
        Assert.True(sink.LastWasCorrect);

        sink.ExpectedSequence = 4;
        sink.Begin(MessageKind.Binary, compressed: false);
        sink.Append(payload.For(4)[..^1], 0);
        sink.End();
        Assert.False(sink.LastWasCorrect);
    }

    [Fact]
    public void Scenario_label_names_a_size_range()
    {
        Assert.Equal("echo 16 B..64 KiB x 8", new BenchScenario { Size = 16, MaxSize = 65536, Connections = 8 }.Label);
    }
}
