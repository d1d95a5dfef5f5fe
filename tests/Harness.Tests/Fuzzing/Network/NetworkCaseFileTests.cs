using System.Text;
using Conformance.Fuzz.Network;
using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Fuzzing.Network;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing.Network;

/// <summary>A network input written as a case file loads back as exactly the bytes, writes and pauses it stands for.</summary>
public sealed class NetworkCaseFileTests
{
    [Fact]
    public void The_head_the_frames_and_the_writes_load_back_exactly()
    {
        var input = new NetworkInput
        {
            Head = ["GET / HTTP/1.1", "Host: {host}", "X-Odd: \t\"quoted\\\" \u00ff\u0001\u007f", "Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"],
            HeadChop = 8,
            FramesWithHead = true,
            Frames = [new WireFrame { Opcode = 1, Fin = false, Payload = "abc"u8.ToArray() }, new WireFrame { Raw = [0x89, 0x80, 0, 0, 0, 0, 0xff] }],
            Cuts = [new WireCut(1, 0), new WireCut(1, 3)],
            DelayMs = 10,
        };
        var yaml = NetworkCaseFile.Write("fuzz.crash-12345678", input, FindingKind.Crash, TimeSpan.FromSeconds(2), ["found by a test", "second line"]);
        var definition = Assert.Single(CaseLoader.LoadText(yaml, "fuzz.crash-12345678.yaml"));

        Assert.Equal(input.HeadText, definition.Handshake!.RawRequest);
        Assert.Equal(Encoding.Latin1.GetBytes(input.HeadText), Encoding.Latin1.GetBytes(definition.Handshake.RawRequest!));
        Assert.True(definition.Handshake.FramesWithRequest);
        Assert.Equal(8, definition.Handshake.Chop!.Size);
        var raws = definition.Steps.OfType<SendRawStep>().Select(step => step.Bytes).ToList();
        Assert.Equal(input.Writes(), raws);
        Assert.Equal(2, definition.Steps.OfType<PauseStep>().Count(pause => pause.Duration == TimeSpan.FromMilliseconds(10)));
        Assert.IsType<ShutdownStep>(definition.Steps[^1]);
        Assert.Equal(TimeSpan.FromSeconds(2), definition.Survives!.AnswerWithin);
        Assert.Equal(["RFC 6455 7.1.7", "RFC 6455 10.4"], definition.Spec);
        Assert.StartsWith("# found by a test\n# second line\n", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FindingKind.StuckConnection, RequirementLevel.Should, "RFC 6455 7.1.1")]
    [InlineData(FindingKind.Leak, RequirementLevel.Must, "RFC 6455 10.4")]
    [InlineData(FindingKind.Hang, RequirementLevel.Must, "RFC 6455 7.1.7")]
    public void Each_kind_of_finding_cites_its_rule_at_the_rfc_level(FindingKind kind, RequirementLevel level, string section)
    {
        var definition = Assert.Single(CaseLoader.LoadText(NetworkCaseFile.Write("fuzz.x-1", new NetworkInput(), kind, TimeSpan.FromSeconds(1), []), "x.yaml"));
        Assert.Equal(level, definition.Level);
        Assert.Equal(section, definition.Spec[0]);
    }

    [Fact]
    public void Many_writes_share_one_short_pause_budget()
    {
        var input = new NetworkInput { Frames = [new WireFrame { Opcode = 2, Payload = new byte[100] }], Cuts = [.. Enumerable.Range(1, 40).Select(i => new WireCut(0, i))], DelayMs = 50 };
        var definition = Assert.Single(CaseLoader.LoadText(NetworkCaseFile.Write("fuzz.x-2", input, FindingKind.Crash, TimeSpan.FromSeconds(1), []), "x.yaml"));
        var pauses = definition.Steps.OfType<PauseStep>().Sum(p => p.Duration.TotalMilliseconds);
        Assert.InRange(pauses, 1, NetworkInput.MaxTotalDelayMs);
    }
}
