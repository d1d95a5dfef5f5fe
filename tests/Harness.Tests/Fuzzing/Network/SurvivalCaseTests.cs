using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.Harness.Running;
using Conformance.Harness.Tests.Cases;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing.Network;

/// <summary>The <c>survives</c> field: parsed with file/line errors, and judged on survival alone.</summary>
public sealed class SurvivalCaseTests
{
    private static readonly CaseDefinition Survival = CaseText.Load("steps: []\nexpect: {}\nclose: { by: peer, codes: [1000] }\nsurvives: { answer-within: 3s }\n");

    [Fact]
    public void Survives_reads_a_map_or_true_for_the_default()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Survival.Survives!.AnswerWithin);
        var plain = CaseText.Load("steps: []\nexpect: {}\nclose: { by: peer, codes: [1000] }\nsurvives: true\n");
        Assert.Equal(SurvivalCheck.DefaultAnswerWithin, plain.Survives!.AnswerWithin);
        Assert.Null(CaseText.Load("steps: []\n" + CaseText.EchoEnd).Survives);
    }

    [Fact]
    public void A_survives_field_with_a_typo_names_its_file_line_and_field()
    {
        var error = CaseText.FailsWithBody("steps: []\nexpect: {}\nclose: { by: peer, codes: [1000] }\nsurvives: { answer-witin: 3s }\n");
        Assert.Contains("sample.yaml:10", error.Message, StringComparison.Ordinal);
        Assert.Contains("survives.answer-witin", error.Message, StringComparison.Ordinal);
        var zero = CaseText.FailsWithBody("steps: []\nexpect: {}\nclose: { by: peer, codes: [1000] }\nsurvives: { answer-within: 0s }\n");
        Assert.Contains("survives.answer-within: must be longer than 0s", zero.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, RequirementLevel, SurvivalObservation?, Verdict, string> Table => new()
    {
        { "answered and released", RequirementLevel.Must, new SurvivalObservation(true, "answered in 3 ms", true), Verdict.Ok, "survived: answered in 3 ms" },
        { "a crash or a hang", RequirementLevel.Must, new SurvivalObservation(false, "connection refused", true), Verdict.Failed, "RFC 6455 7.1.7, 10.4: the server stopped answering" },
        { "a stuck connection (MUST)", RequirementLevel.Must, new SurvivalObservation(true, "answered", false), Verdict.Failed, "RFC 6455 7.1.1: the server never closed this connection" },
        { "a stuck connection (SHOULD)", RequirementLevel.Should, new SurvivalObservation(true, "answered", false), Verdict.NonStrict, "RFC 6455 7.1.1" },
        { "release not seen", RequirementLevel.Must, new SurvivalObservation(true, "answered", null), Verdict.Ok, "survived" },
        { "no check ran", RequirementLevel.Must, null, Verdict.Informational, "no survival check ran" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_verdict_is_survival_alone(string why, RequirementLevel level, SurvivalObservation? survival, Verdict verdict, string reason)
    {
        // Whatever the server answered to the input (here: nothing, a TCP close) is recorded, not judged.
        var observation = new Observation { CaseId = "x", Wire = [], ServerClosedTcp = true, ClosedBy = Closer.Peer, Survival = survival };
        var result = Judge.Evaluate(Survival with { Level = level }, observation);
        Assert.True(verdict == result.Verdict, why);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, WireEntry[], bool?> Releases => new()
    {
        { "the peer closed after the harness's FIN", [new TcpEntry(TcpEventKind.SentFin), new TcpEntry(TcpEventKind.PeerEof)], true },
        { "the peer closed first", [new TcpEntry(TcpEventKind.PeerReset)], true },
        { "the harness gave up after its FIN", [new TcpEntry(TcpEventKind.SentFin), new TcpEntry(TcpEventKind.Dropped, "deadline")], false },
        { "a FIN and nothing more", [new TcpEntry(TcpEventKind.SentFin)], false },
        { "the harness dropped before any FIN", [new TcpEntry(TcpEventKind.Dropped, "handshake timeout")], null },
        { "nothing happened", [], null },
    };

    [Theory]
    [MemberData(nameof(Releases))]
    public void A_connection_is_released_when_the_server_closes_it_after_the_harness_closed_its_side(string why, WireEntry[] wire, bool? released)
    {
        // RFC 6455 7.1.1: once the client's side is closed, the server closes the TCP connection.
        Assert.True(released == SurvivalProbe.Released(new Observation { CaseId = "x", Wire = wire, HandshakeCompleted = true }), why);
    }

    [Fact]
    public void A_connection_after_a_refused_handshake_is_not_judged_for_release()
    {
        // After a 400 the connection is HTTP's (keep-alive and its timeouts), not a WebSocket connection.
        var refused = new Observation { CaseId = "x", Wire = [new TcpEntry(TcpEventKind.SentFin), new TcpEntry(TcpEventKind.Dropped, "deadline")], HandshakeCompleted = false };
        Assert.Null(SurvivalProbe.Released(refused));
    }
}
