using Conformance.Harness.Fuzzing.Network;
using Conformance.Harness.Fuzzing.Network.Supervision;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing.Network;

/// <summary>Two crashes are one bug when they end the same way at the same top of the stack, whatever the numbers in the message.</summary>
public sealed class CrashSignatureTests
{
    public static TheoryData<string, string> Stacks => new()
    {
        {
            "Traceback (most recent call last):\n  File \"/srv/app/server.py\", line 12, in <module>\n    main()\n  File \"/srv/app/frames.py\", line 88, in on_frame\n    raise FrameError(f\"bad length {n}\")\nFrameError: bad length 4123",
            "crash: exit code 1: FrameError in frames.py:on_frame"
        },
        {
            "Unhandled exception. System.InvalidOperationException: state 17\n   at My.Server.Frames.Read(Span`1 data) in /src/Frames.cs:line 40\n   at My.Server.Loop()",
            "crash: exit code 1: System.InvalidOperationException at My.Server.Frames.Read"
        },
        {
            "/srv/server.js:40\n    throw new RangeError('offset 77')\n    ^\n\nRangeError: offset 77\n    at Receiver.getData (/srv/server.js:40:11)\n    at Socket.emit (node:events:519:28)",
            "crash: exit code 1: RangeError at Receiver.getData"
        },
        {
            "panic: runtime error: index out of range [5] with length 5\n\ngoroutine 18 [running]:\nmain.readFrame(0xc000012345)\n\t/srv/main.go:30 +0x1d",
            "crash: exit code 1: panic in main.readFrame"
        },
        { "fatal: rsv3 on a continuation with 12 bytes", "crash: exit code 1: fatal: rsvN on a continuation with N bytes" },
        { string.Empty, "crash: exit code 1" },
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_signature_is_the_ending_and_the_top_of_the_stack(string stderr, string signature)
    {
        Assert.Equal(signature, CrashSignature.For("exit code 1", stderr));
    }

    [Fact]
    public void The_same_bug_with_other_numbers_has_one_signature()
    {
        Assert.Equal(
            CrashSignature.For("signal 6 (SIGABRT)", "assertion failed at 0x7ffd1234 (len 12)"),
            CrashSignature.For("signal 6 (SIGABRT)", "assertion failed at 0x7ffd9999 (len 400)"));
    }

    [Theory]
    [InlineData(0, "exit code 0")]
    [InlineData(3, "exit code 3")]
    [InlineData(139, "signal 11 (SIGSEGV)")]
    [InlineData(134, "signal 6 (SIGABRT)")]
    [InlineData(137, "signal 9 (SIGKILL)")]
    public void An_exit_says_its_code_or_its_signal(int code, string text)
    {
        Assert.Equal(text, ExitStatus.Describe(code));
    }
}
