using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Judging;

/// <summary>Events in words for reasons: <c>message text "Hello"</c>, <c>pong 0x0102</c>, <c>mark A</c>.</summary>
public static class EventText
{
    private const int Shown = 40;

    public static string Describe(IEnumerable<ExpectedEvent> events) => $"[{string.Join(", ", events.Select(Describe))}]";

    public static string Describe(IEnumerable<ObservedEvent> events) => $"[{string.Join(", ", events.Select(Describe))}]";

    public static string Describe(ExpectedEvent expected) => expected switch
    {
        ExpectedMessage { Payload: { } payload } m => $"message {Kind(m.Binary)} {Bytes(payload, m.Binary)}",
        ExpectedMessage m => $"message {Kind(m.Binary)} of {m.Length} bytes{(m.Sha256 is null ? "" : $" sha256 {m.Sha256[..Math.Min(12, m.Sha256.Length)]}…")}",
        ExpectedPing p => $"ping {Bytes(p.Payload, false)}",
        ExpectedPong p => $"pong {Bytes(p.Payload, false)}",
        ExpectedMark m => $"mark {m.Name}",
        _ => expected.ToString(),
    };

    public static string Describe(ObservedEvent observed) => observed switch
    {
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
