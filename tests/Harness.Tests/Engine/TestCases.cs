using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Tests.Engine;

/// <summary>Case definitions built in C#, the shapes the case files use.</summary>
internal static class TestCases
{
    public static readonly SourceLocation Here = new("test.yaml", 1, 1);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static SendFrameStep Send(Opcode opcode, byte[] payload, bool fin = true, Chop? chop = null) =>
        new(new FrameSpec { Opcode = (byte)opcode, Payload = payload, Fin = fin }, chop, Here);

    public static SendFrameStep Send(byte opcode, byte[] payload) =>
        new(new FrameSpec { Opcode = opcode, Payload = payload }, null, Here);

    public static PauseStep Pause(int ms, string? mark = null) => new(TimeSpan.FromMilliseconds(ms), mark, Here);

    public static KeyValuePair<Verdict, IReadOnlyList<ExpectedEvent>> Outcome(Verdict verdict, params ExpectedEvent[] events) => new(verdict, events);

    public static ExpectedMessage Text(string text) => new(false, Utf8(text));

    public static CaseDefinition Make(
        string id,
        IReadOnlyList<Step> steps,
        IReadOnlyList<KeyValuePair<Verdict, IReadOnlyList<ExpectedEvent>>> outcomes,
        CloseExpectation close,
        TimeSpan? timeout = null,
        HandshakeSpec? handshake = null,
        TimeoutAction onTimeout = TimeoutAction.Fail) => new()
        {
            Id = id,
            Title = id,
            Spec = ["RFC 6455 5.6"],
            Level = RequirementLevel.Must,
            Stimulus = "test",
            Requirement = "test",
            Steps = steps,
            Outcomes = outcomes,
            Close = close,
            Timeout = timeout ?? TimeSpan.FromSeconds(1),
            OnTimeout = onTimeout,
            Handshake = handshake,
            Source = Here,
        };

    /// <summary>Autobahn 1.1.x shape: text "Hello" echoed, the harness closes 1000, clean.</summary>
    public static CaseDefinition EchoHello(string id = "framing.text.hello") =>
        Make(id, [Send(Opcode.Text, Utf8("Hello"))], [Outcome(Verdict.Ok, Text("Hello"))], new CloseExpectation(Closer.Harness, [1000], RequireClean: true));

    public static CloseExpectation PeerFails(params ushort[] codes) => new(Closer.Peer, codes, RequireClean: false);
}
