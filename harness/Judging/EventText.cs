using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Judging;

/// <summary>Events in words for reasons: <c>message text "Hello"</c>, <c>pong 0x0102</c>, <c>mark A</c>.</summary>
public static class EventText
{
    private const int Shown = 40;

    /// <summary>The events in words; a run of equal ones is written once with its count ("echo text ×1000").</summary>
    public static string Describe(IEnumerable<ExpectedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var runs = new List<(string Text, int Count)>();
        foreach (var text in events.Select(Describe))
        {
            if (runs.Count > 0 && runs[^1].Text == text)
            {
                runs[^1] = (text, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((text, 1));
            }
        }

        return $"[{string.Join(", ", runs.Select(run => run.Count == 1 ? run.Text : $"{run.Text} ×{run.Count}"))}]";
    }

    public static string Describe(IEnumerable<ObservedEvent> events) => $"[{string.Join(", ", events.Select(Describe))}]";

    public static string Describe(ExpectedEvent expected) => expected switch
    {
        ExpectedMessage { Payload: { } payload } m => $"message {Kind(m.Binary)} {Bytes(payload, m.Binary)}",
        ExpectedMessage m => $"message {Kind(m.Binary)} of {m.Length} bytes{(m.Sha256 is null ? "" : $" sha256 {m.Sha256[..Math.Min(12, m.Sha256.Length)]}…")}",
        ExpectedPing p => $"ping {Bytes(p.Payload, false)}",
        ExpectedPong p => $"pong {Bytes(p.Payload, false)}",
        ExpectedMark m => $"mark {m.Name}",
        ExpectedEcho e => $"echo {Kind(e.Binary)} of the message sent",
        _ => expected.ToString(),
    };

    public static string Describe(ObservedEvent observed) => observed switch
    {
        ObservedMessage { EchoOf: { } sent } m when !sent.Equal || m.Binary != sent.Binary =>
            $"message {Kind(m.Binary)} of {m.Length} bytes (#{m.WireIndex}), but {Kind(sent.Binary)} of {sent.Length} bytes was sent{(sent.Equal ? "" : $" (the data differs from byte {sent.FirstDifference})")}",
        ObservedMessage m when m.Length > 256 => $"message {Kind(m.Binary)} of {m.Length} bytes (#{m.WireIndex})",
        ObservedMessage m => $"message {Kind(m.Binary)} {Bytes(m.Payload, m.Binary)} (#{m.WireIndex})",
        ObservedPing p => $"ping {Bytes(p.Payload, false)} (#{p.WireIndex})",
        ObservedPong p => $"pong {Bytes(p.Payload, false)} (#{p.WireIndex})",
        ObservedMark m => $"mark {m.Name}",
        _ => observed.ToString(),
    };

    /// <summary>Text as a quoted string when it is printable UTF-8, otherwise hex; long payloads cut with their length.</summary>
    public static string Bytes(byte[] payload, bool binary)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var cut = payload.AsSpan(0, Math.Min(Shown, payload.Length));
        var more = payload.Length > Shown ? $"… ({payload.Length} bytes)" : "";
        if (!binary && IsPrintable(payload))
        {
            return $"\"{Encoding.UTF8.GetString(cut)}{more}\"";
        }

        return payload.Length == 0 ? "(empty)" : $"0x{Convert.ToHexString(cut)}{more}";
    }

    private static string Kind(bool binary) => binary ? "binary" : "text";

    private static bool IsPrintable(byte[] payload) =>
        System.Text.Unicode.Utf8.IsValid(payload) && !Encoding.UTF8.GetString(payload).Any(c => char.IsControl(c) && c is not '\n' and not '\t');
}
