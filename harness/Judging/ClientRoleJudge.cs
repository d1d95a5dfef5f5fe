using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Judging;

/// <summary>
/// What only a client can fail, judged when the harness was the server: the client's own opening handshake request
/// (RFC 6455 4.1), and a case whose response breaks the handshake rules, after which the client MUST fail the WebSocket
/// connection (RFC 6455 4.1, 4.2.2; RFC 7692 5, 7.1): close TCP, and send no frame.
/// </summary>
public static class ClientRoleJudge
{
    /// <summary>The verdicts when one of these applies, else null (the case is judged as any other).</summary>
    public static (Verdict Verdict, CloseVerdict Close, string? Reason)? Judge(CaseDefinition definition, Observation observation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.ClientRequestError is { } error)
        {
            return (Verdict.Failed, CloseVerdict.Failed, $"the client's opening handshake request was refused: {error}");
        }

        if (definition.Handshake?.Response is not { } edits)
        {
            return null;
        }

        var sections = string.Join(", ", definition.Spec);
        var frames = observation.Wire.OfType<FrameEntry>().Where(frame => frame.Direction == WireDirection.Received && frame.Opcode != Opcode.Close).ToList();
        if (edits.Status is null or 101 && frames.Count > 0)
        {
            return (Verdict.Failed, CloseVerdict.Failed, $"{sections}: the client MUST fail the connection after this response, but took it as open and sent a {frames[0].Opcode.Name()} frame (#{frames[0].Index}, {frames[0].Length} bytes{(frames.Count > 1 ? $", and {frames.Count - 1} more" : "")})");
        }

        if (observation.ClosedBy == Closer.Harness || observation.TimedOut)
        {
            return (Verdict.Failed, CloseVerdict.Failed, $"{sections}: the client MUST fail the connection after this response, but kept it open for the {definition.Timeout.TotalMilliseconds:0} ms of the case");
        }

        return (Verdict.Ok, CloseVerdict.Ok, null);
    }
}
