using System.Security.Cryptography;
using Conformance.Harness.Cases.Generation;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Tests.Cases;
using Xunit;

namespace Conformance.Harness.Tests.Compression;

/// <summary>The case file fields for permessage-deflate: handshake.deflate, generated data sets, round-trip windows, echo events.</summary>
public sealed class CompressionFormatTests
{
    [Fact]
    public void Deflate_true_offers_the_default_and_is_unimplemented_when_declined()
    {
        var definition = CaseText.Load("handshake: { deflate: true }\nsteps: []\n" + CaseText.EchoEnd);

        Assert.Equal(new DeflateOffer("permessage-deflate; client_max_window_bits"), definition.Handshake!.Deflate);
    }

    [Fact]
    public void A_deflate_map_sends_its_offer_exactly_and_may_continue_when_declined()
    {
        var definition = CaseText.Load("handshake:\n  deflate: { offer: \"permessage-deflate; server_max_window_bits=16\", if-declined: continue }\nsteps: []\n" + CaseText.EchoEnd);

        Assert.Equal(new DeflateOffer("permessage-deflate; server_max_window_bits=16", DeflateDeclined.Continue), definition.Handshake!.Deflate);
    }

    [Fact]
    public void An_unknown_if_declined_value_names_file_line_column_and_field()
    {
        var error = CaseText.FailsWithBody("handshake:\n  deflate: { if-declined: skip }\nsteps: []\n" + CaseText.EchoEnd);

        Assert.Equal("cases/test/sample.yaml:8:27: handshake.deflate.if-declined: expected unimplemented or continue, got 'skip'", error.Message);
    }

    [Fact]
    public void Deflate_with_its_header_also_set_is_an_error_on_that_header()
    {
        var error = CaseText.FailsWithBody("handshake:\n  set: { Sec-WebSocket-Extensions: x }\n  deflate: true\nsteps: []\n" + CaseText.EchoEnd);

        Assert.StartsWith("cases/test/sample.yaml:8:10: handshake.set.Sec-WebSocket-Extensions: deflate sets Sec-WebSocket-Extensions itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_that_writes_rsv_is_sent_as_given()
    {
        var given = Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: text, rsv: 0, payload: x }")).Frame;
        var plain = Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: text, payload: x }")).Frame;

        Assert.True(given.AsGiven);
        Assert.False(plain.AsGiven);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("bitmap")]
    [InlineData("prose")]
    [InlineData("html")]
    [InlineData("pdf")]
    public void A_generated_payload_has_the_length_asked_and_the_same_bytes_for_a_seed(string kind)
    {
        var frame = Assert.IsType<SendFrameStep>(CaseText.LoadStep($"send: {{ opcode: binary, payload: {{ generate: {kind}, length: 100000, seed: 7 }} }}")).Frame;
        Assert.True(DataGenerator.TryParseKind(kind, out var parsed));

        Assert.Equal(100000, frame.Payload.Length);
        Assert.Equal(SHA256.HashData(frame.Payload), SHA256.HashData(DataGenerator.Generate(parsed, 100000, 7)));
        Assert.NotEqual(SHA256.HashData(frame.Payload), SHA256.HashData(DataGenerator.Generate(parsed, 100000, 8)));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("html")]
    public void Text_data_sets_are_ascii_so_every_window_is_valid_utf8(string kind)
    {
        Assert.True(DataGenerator.TryParseKind(kind, out var parsed));

        Assert.All(DataGenerator.Generate(parsed, 200000, 1), b => Assert.True(b < 0x80));
    }

    [Fact]
    public void An_unknown_data_kind_names_the_field()
    {
        var error = CaseText.FailsWithBody("steps:\n  - send: { opcode: binary, payload: { generate: jpeg, length: 10 } }\n" + CaseText.EchoEnd);

        Assert.Equal("cases/test/sample.yaml:8:50: steps[0].send.payload.generate: unknown data kind 'jpeg' (expected json, bitmap, prose, html or pdf)", error.Message);
    }

    [Fact]
    public void A_round_trip_window_slides_over_the_data_and_wraps()
    {
        var step = Assert.IsType<RoundTripStep>(CaseText.LoadStep("round-trips: { count: 3, frame: { opcode: binary, fragment: 2 }, window: { data: { hex: \"0102030405\" }, size: 3 } }"));

        Assert.Equal(2, step.Fragment);
        Assert.Equal([1, 2, 3], step.Window!.Slice(0).ToArray());
        Assert.Equal([4, 5, 1], step.Window.Slice(1).ToArray());
        Assert.Equal([2, 3, 4], step.Window.Slice(2).ToArray());
    }

    [Fact]
    public void A_window_with_a_frame_payload_is_an_error_on_the_payload()
    {
        var error = CaseText.FailsWithBody("steps:\n  - round-trips: { count: 1, frame: { opcode: text, payload: x }, window: { data: x, size: 1 } }\n" + CaseText.EchoEnd);

        Assert.Equal("cases/test/sample.yaml:8:53: steps[0].round-trips.frame.payload: with window the payloads come from the window's data; remove payload", error.Message);
    }

    [Fact]
    public void An_echo_event_repeats()
    {
        var definition = CaseText.Load("steps: []\nexpect:\n  OK:\n    - echo: binary\n      repeat: 3\nclose: { by: harness, codes: [1000] }\n");

        Assert.Equal([new ExpectedEcho(true), new ExpectedEcho(true), new ExpectedEcho(true)], definition.Outcomes[0].Value);
    }

    [Fact]
    public void An_echo_event_takes_text_or_binary()
    {
        var error = CaseText.FailsWithBody("steps: []\nexpect:\n  OK:\n    - echo: json\nclose: { by: harness, codes: [1000] }\n");

        Assert.Equal("cases/test/sample.yaml:10:13: expect.OK[0].echo: expected text or binary, got 'json'", error.Message);
    }
}
