using Conformance.Harness.Cases.Model;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

/// <summary><c>writes: one | per-frame</c> on send and send-all: one write for all frames, or one per frame.</summary>
public class WritePatternTests
{
    private const string TwoFrames = "frames: [ { opcode: text, fin: false, payload: ab }, { opcode: continuation, payload: cd } ]";

    [Fact]
    public void Per_frame_writes_load_as_the_consecutive_sends_of_those_frames()
    {
        var perFrame = Steps($"  - send-all: {{ writes: per-frame, chop: 2, chop-delay: 5ms, {TwoFrames} }}\n");
        var sends = Steps("""
              - send: { opcode: text, fin: false, payload: ab, chop: 2, chop-delay: 5ms }
              - send: { opcode: continuation, payload: cd, chop: 2, chop-delay: 5ms }

            """);

        Assert.All(perFrame, step => Assert.IsType<SendFrameStep>(step));
        Assert.Equivalent(sends.Select(WithoutSource), perFrame.Select(WithoutSource), strict: true);
        Assert.All(perFrame, step => Assert.Equal(new SourceLocation(CaseText.File, 8, 5), step.Source));
    }

    [Fact]
    public void One_write_is_the_default_and_keeps_the_frames_together()
    {
        var one = Assert.IsType<SendFramesStep>(Assert.Single(Steps($"  - send-all: {{ writes: one, {TwoFrames} }}\n")));
        var plain = Assert.IsType<SendFramesStep>(Assert.Single(Steps($"  - send-all: {{ {TwoFrames} }}\n")));

        Assert.Equal(2, one.Frames.Count);
        Assert.Equivalent(WithoutSource(plain), WithoutSource(one), strict: true);
    }

    [Fact]
    public void A_fragmented_send_written_per_frame_writes_each_fragment_on_its_own()
    {
        var steps = Steps("  - send: { opcode: text, payload: abcde, fragment: 2, writes: per-frame }\n");

        var frames = steps.Select(step => Assert.IsType<SendFrameStep>(step).Frame).ToList();
        Assert.Equal(["ab", "cd", "e"], frames.Select(frame => System.Text.Encoding.ASCII.GetString(frame.Payload)));
        Assert.Equal([false, false, true], frames.Select(frame => frame.Fin));
    }

    [Fact]
    public void A_family_chooses_the_write_pattern_per_row()
    {
        var cases = CaseText.LoadAll(CaseText.Header.Replace("framing.sample", "framing.sample{suffix}", StringComparison.Ordinal) + $$"""
            steps:
              - send-all: { writes: "{writes}", chop: "{chop}", {{TwoFrames}} }
            {{CaseText.EchoEnd}}
            matrix:
              - { suffix: "", writes: one, chop: 0 }
              - { suffix: -chopped, writes: one, chop: 1 }
              - { suffix: -framewise, writes: per-frame, chop: 0 }
            """);

        Assert.Equal([1, 1, 2], cases.Select(c => c.Steps.Count));
        Assert.Null(Assert.IsType<SendFramesStep>(cases[0].Steps[0]).Chop);
        Assert.Equal(1, Assert.IsType<SendFramesStep>(cases[1].Steps[0]).Chop!.Size);
        Assert.All(cases[2].Steps, step => Assert.Null(Assert.IsType<SendFrameStep>(step).Chop));
    }

    [Fact]
    public void Fragment_0_sends_the_frame_whole()
    {
        var send = Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: text, payload: abcde, fragment: 0 }"));
        var trips = Assert.IsType<RoundTripStep>(CaseText.LoadStep("round-trips: { count: 2, frame: { opcode: text, payload: ab, fragment: 0 } }"));

        Assert.Equal(5, send.Frame.Payload.Length);
        Assert.Null(trips.Fragment);
    }

    private static IReadOnlyList<Step> Steps(string stepLines) => CaseText.Load($"steps:\n{stepLines}{CaseText.EchoEnd}").Steps;

    private static Step WithoutSource(Step step) => step with { Source = default };
}
