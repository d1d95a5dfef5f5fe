using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Handshake;
using Xunit;
using static Conformance.Harness.Tests.Engine.TestCases;

namespace Conformance.Harness.Tests.Judging;

/// <summary>
/// The judge as the pure function it is: hand-made observations in, verdicts out. One row per rule of Autobahn's verdict
/// and close-verdict algorithm (../shared/reference/autobahn.md 3.3) and of ours (levels, limits, UNIMPLEMENTED, INFORMATIONAL).
/// </summary>
public sealed class JudgeTableTests
{
    private static readonly CaseDefinition Echo = EchoHello();

    private static readonly CaseDefinition FailFast = Make("opcodes.reserved-3", [Send((byte)3, [])], [Outcome(Verdict.Ok)], PeerFails(1002));

    private static readonly CaseDefinition FailOrEchoFirst = Make("reserved.after-message", [Send((byte)3, [])],
        [Outcome(Verdict.Ok, Text("Hello")), Outcome(Verdict.NonStrict)], PeerFails(1002));

    public static TheoryData<string, CaseDefinition, Observation, Verdict, CloseVerdict, string?> Rows => new()
    {
        // Autobahn 3.3 step 1: the first expected list equal to the events gives the verdict.
        { "the echo arrives and the close is clean", Echo, Clean(Message("Hello")), Verdict.Ok, CloseVerdict.Ok, null },
        { "the events differ from every outcome", Echo, Clean(Message("Hullo")), Verdict.Failed, CloseVerdict.Ok, "expected [message text \"Hello\"], got [message text \"Hullo\"" },
        { "the non-strict outcome names the strict one", FailOrEchoFirst, PeerFailed(1002), Verdict.NonStrict, CloseVerdict.Ok, "the strict outcome is [message text \"Hello\"]" },
        { "the strict outcome of a fail-fast case", FailOrEchoFirst, PeerFailed(1002, Message("Hello")), Verdict.Ok, CloseVerdict.Ok, null },

        // Autobahn 3.3 step 2: the close verdict, first rule that applies.
        { "the peer closed first in an echo case: wrong endpoint", Echo, PeerFailed(1000, Message("Hello")), Verdict.Ok, CloseVerdict.Failed, "RFC 6455 7.1.7: the connection was failed by the wrong endpoint" },
        { "an unclean end where clean is required", Echo, Clean(Message("Hello")) with { WasClean = false, NotCleanReason = "x" }, Verdict.Ok, CloseVerdict.Unclean, "RFC 6455 7.1.1: the close was not clean" },
        { "a code outside the expected ones", Echo, Clean(Message("Hello")) with { PeerCloseCode = 1001 }, Verdict.Ok, CloseVerdict.WrongCode, "the peer closed with 1001, expected 1000" },
        { "a close without code where 1000 is expected", Echo, Clean(Message("Hello")) with { PeerCloseCode = null }, Verdict.Ok, CloseVerdict.Ok, null },
        { "a close without code where 1002 is due", FailFast, PeerFailed(null), Verdict.Ok, CloseVerdict.WrongCode, "the peer closed without a status code, expected 1002" },
        { "the server left TCP open and the harness dropped it", FailFast, PeerFailed(1002) with { ServerClosedTcp = false, DroppedByHarness = true, NotCleanReason = "server drop timeout" }, Verdict.Ok, CloseVerdict.FailedByClient, "the harness had to drop TCP itself" },
        { "failing by TCP close alone is accepted", FailFast, PeerDropped(), Verdict.Ok, CloseVerdict.Ok, null },

        // Autobahn 3.3 step 3: no opening handshake, no verdict but FAILED.
        { "the connection was refused", Echo, new Observation { CaseId = "x", Wire = [], ConnectError = "refused" }, Verdict.Failed, CloseVerdict.Failed, "RFC 6455 4.1: the opening handshake could not start" },
        { "the handshake did not complete", Echo, Handshake(101) with { HandshakeCompleted = false, HandshakeError = "wrong Sec-WebSocket-Accept" }, Verdict.Failed, CloseVerdict.Failed, "was never completed: wrong Sec-WebSocket-Accept" },

        // Autobahn 3.3 step 4, by the RFC's keywords: a peer that must fail the connection and never did.
        { "a MUST fail case the peer never failed", FailFast, HarnessClosedAtDeadline(), Verdict.Failed, CloseVerdict.Failed, "RFC 6455 7.1.7 (RFC 6455 5.6): the peer never failed the connection" },
        { "a SHOULD fail case the peer never failed", FailFast with { Level = RequirementLevel.Should }, HarnessClosedAtDeadline(), Verdict.NonStrict, CloseVerdict.Failed, "the peer never failed the connection" },
        { "a wrong code fails a section 7 case", Echo with { Close = Echo.Close with { WrongCodeFails = true } }, Clean(Message("Hello")) with { PeerCloseCode = 1001 }, Verdict.Failed, CloseVerdict.WrongCode, "the peer closed with 1001" },

        // RFC 6455 5.5.1: a close frame must be answered.
        { "the harness's close was never answered", Echo, Clean(Message("Hello")) with { PeerSentClose = false, PeerCloseCode = null, WasClean = false, CloseHandshakeTimeout = true, DroppedByHarness = true, ServerClosedTcp = false, NotCleanReason = "no answer within 1000 ms" }, Verdict.Failed, CloseVerdict.Unclean, "RFC 6455 5.5.1: an endpoint that receives a Close frame MUST send a Close frame in response" },

        { "a close sent after a frame announcing more than was sent is payload, not a close to answer", Announcing1Tib(), HarnessClosedAtDeadline() with { HarnessClosedFirst = true, HarnessCloseWritten = true, PeerSentClose = false, PeerCloseCode = null, ClosedBy = Closer.Harness }, Verdict.NonStrict, CloseVerdict.Failed, "the peer never failed the connection" },

        // The always-on checks: a MUST breach fails, a SHOULD breach makes OK non-strict.
        { "a frame that breaks a MUST", Echo, Clean(Message("Hello")) with { Violations = [new PeerViolation("RFC 6455 5.1", "a client MUST close the connection when it receives a masked frame", 5, "frame #5")] }, Verdict.Failed, CloseVerdict.Ok, "RFC 6455 5.1" },
        { "a server that keeps TCP open after the close handshake", Echo, Clean(Message("Hello")) with { ServerDropTimeout = true, DroppedByHarness = true, ServerClosedTcp = false, WasClean = false, NotCleanReason = "x" }, Verdict.NonStrict, CloseVerdict.Unclean, "RFC 6455 7.1.1: the server SHOULD close the TCP connection" },

        // Ours: levels, limits, optional features, recorded cases.
        { "a SHOULD case refused with 1009 is a limit, not a failure", Echo with { Level = RequirementLevel.Should }, PeerFailed(1009), Verdict.NonStrict, CloseVerdict.Failed, "RFC 6455 10.4: the peer refused the case with close 1009" },
        { "an informational case is recorded", Echo with { Informational = true }, Clean(Message("Hullo")), Verdict.Informational, CloseVerdict.Informational, "recorded: [message text \"Hullo\"" },
        { "a declined permessage-deflate offer", Echo with { Handshake = new HandshakeSpec { Deflate = new DeflateOffer(DeflateOffer.DefaultOffer) } }, Clean() with { DeflateDeclined = true }, Verdict.Unimplemented, CloseVerdict.Ok, "RFC 7692 5: the server did not accept the permessage-deflate offer" },

        // Handshake cases judged by RFC 6455 4.2.1.
        { "a refusal with a suggested status", Refusal(), Handshake(400), Verdict.Ok, CloseVerdict.Ok, null },
        { "a refusal with another error status", Refusal(), Handshake(403), Verdict.NonStrict, CloseVerdict.Ok, "refused with 403" },
        { "an upgrade where a refusal is due", Refusal(), Handshake(101), Verdict.Failed, CloseVerdict.Failed, "the server upgraded (101) a request it must refuse" },
        { "a non-error answer to a broken handshake", Refusal(), Handshake(200), Verdict.Failed, CloseVerdict.Failed, "MUST be answered with an HTTP error code" },
        { "a page served for a request that is no handshake", Refusal(plainHttp: true), Handshake(200), Verdict.Ok, CloseVerdict.Ok, null },

        // The harness as the server: what only a client can fail (RFC 6455 4.1).
        { "a client whose request breaks a rule", Echo, AsServer(PeerDropped()) with { ClientRequestError = "RFC 6455 4.2.1 item 5: ...: no Sec-WebSocket-Key" }, Verdict.Failed, CloseVerdict.Failed, "the client's opening handshake request was refused: RFC 6455 4.2.1 item 5" },
        { "a client that fails the connection after a broken response", BrokenResponse(), AsServer(PeerDropped()), Verdict.Ok, CloseVerdict.Ok, null },
        { "a client that echoes after a broken response", BrokenResponse(), AsServer(Clean(Message("Hello"))) with { Wire = [SentByClient()] }, Verdict.Failed, CloseVerdict.Failed, "RFC 6455 4.1: the client MUST fail the connection after this response, but took it as open and sent a text frame (#0, 5 bytes)" },
        { "a client that keeps the connection open after a broken response", BrokenResponse(), AsServer(HarnessClosedAtDeadline()), Verdict.Failed, CloseVerdict.Failed, "but kept it open for the 1000 ms of the case" },
        { "a client that sends its close frame and leaves after a broken response", BrokenResponse(), AsServer(PeerFailed(1002)), Verdict.Ok, CloseVerdict.Ok, null },
    };

    private static CaseDefinition Announcing1Tib() =>
        Make("limits.frame-announcing-1-tib", [new SendFrameStep(new FrameSpec { Opcode = 2, Payload = new byte[16], LengthOverride = 1UL << 40 }, null, new SourceLocation("t", 1, 1))], [Outcome(Verdict.Ok)], PeerFails(1009, 1002)) with { Level = RequirementLevel.Should };

    private static CaseDefinition BrokenResponse() =>
        Make("handshake.response-accept-wrong", [Send(ReferenceImpl.Framing.Opcode.Text, Utf8("Hello"))], [Outcome(Verdict.Ok)], PeerFails(1002)) with
        {
            Spec = ["RFC 6455 4.1"],
            Handshake = new HandshakeSpec { Response = new ResponseEdits { SetHeaders = [new("Sec-WebSocket-Accept", "wrong=")] } },
        };

    private static Observation AsServer(Observation observation) => observation with { HarnessRole = ReferenceImpl.Protocol.Role.Server };

    private static FrameEntry SentByClient() =>
        new(WireDirection.Received, new ReferenceImpl.Framing.FrameHeader { Fin = true, Opcode = ReferenceImpl.Framing.Opcode.Text, Masked = true, MaskKey = 1, PayloadLength = 5 }, new byte[6], Encoding.UTF8.GetBytes("Hello"));

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_judge_gives_the_verdicts_of_its_rules(string rule, CaseDefinition definition, Observation observation, Verdict verdict, CloseVerdict closeVerdict, string? reason)
    {
        var result = Judge.Evaluate(definition, observation);

        Assert.True(verdict == result.Verdict, $"{rule}: verdict {result.Verdict}, expected {verdict} ({result.Reason})");
        Assert.True(closeVerdict == result.CloseVerdict, $"{rule}: close verdict {result.CloseVerdict}, expected {closeVerdict} ({result.Reason})");
        if (reason is not null)
        {
            Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_1009_for_a_message_above_the_declared_limit_is_recorded_not_judged()
    {
        var observation = PeerFailed(1009) with { LargestMessageSent = 2_000_000 };

        var result = Judge.Evaluate(Echo, observation, maxMessageSize: 1_000_000);

        Assert.Equal(Verdict.Informational, result.Verdict);
        Assert.Contains("the declared limit is 1000000 bytes", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_judge_is_a_function_of_its_inputs()
    {
        var observation = Clean(Message("Hullo"));

        Assert.Equal(Judge.Evaluate(Echo, observation).Reason, Judge.Evaluate(Echo, observation).Reason);
    }

    private static ObservedMessage Message(string text) => new(false, Encoding.UTF8.GetBytes(text), text.Length, null, false, 3);

    private static Observation Handshake(int status) => new()
    {
        CaseId = "x",
        Wire = [new HandshakeEntry(WireDirection.Received, $"HTTP/1.1 {status} X\r\n\r\n") { Index = 2 }],
        HandshakeRequest = "GET / HTTP/1.1\r\n\r\n",
        HandshakeResponse = $"HTTP/1.1 {status} X\r\n\r\n",
        Response = new HandshakeResponse(HttpProtocolVersion.Http11, status, "X", HttpHeaders.Empty),
        HandshakeCompleted = status == 101,
    };

    /// <summary>An echo case that went by the book: the harness closed 1000, the peer answered 1000 and closed TCP.</summary>
    private static Observation Clean(params ObservedEvent[] events) => Handshake(101) with
    {
        Events = events,
        ClosedBy = Closer.Harness,
        HarnessSentClose = true,
        HarnessCloseWritten = true,
        HarnessClosedFirst = true,
        HarnessCloseCode = 1000,
        PeerSentClose = true,
        PeerCloseCode = 1000,
        PeerCloseIndex = 7,
        WasClean = true,
        ServerClosedTcp = true,
    };

    /// <summary>The peer failed the connection with <paramref name="code"/> (null: a close without code), the harness answered.</summary>
    private static Observation PeerFailed(ushort? code, params ObservedEvent[] events) => Handshake(101) with
    {
        Events = events,
        ClosedBy = Closer.Peer,
        HarnessSentClose = true,
        HarnessCloseWritten = true,
        HarnessCloseCode = code,
        PeerSentClose = true,
        PeerCloseCode = code,
        PeerCloseIndex = 5,
        WasClean = true,
        ServerClosedTcp = true,
    };

    private static Observation PeerDropped() => Handshake(101) with { ClosedBy = Closer.Peer, ServerClosedTcp = true, NotCleanReason = "the peer dropped TCP" };

    /// <summary>The peer never failed the connection: the deadline passed, the harness closed 1001, the peer answered.</summary>
    private static Observation HarnessClosedAtDeadline() => Clean() with { TimedOut = true, FailedByHarness = true, HarnessCloseCode = 1001, PeerCloseCode = 1001 };

    private static CaseDefinition Refusal(bool plainHttp = false) =>
        Make("handshake.missing-key", [], [], new CloseExpectation(Closer.Harness, [1000], RequireClean: false),
            handshake: new HandshakeSpec { ExpectStatus = [400, 426], PlainHttp = plainHttp });
}
