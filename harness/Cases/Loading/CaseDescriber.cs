using System.Globalization;
using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Cases.Loading;

/// <summary>Describes a case, its steps and expected events in readable one-line forms (for <c>cases show</c> and reports).</summary>
public static class CaseDescriber
{
    private const int ShownBytes = 48;

    /// <summary>Every field of the case, one per line, steps and events numbered.</summary>
    public static IReadOnlyList<string> Describe(CaseDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var lines = new List<string>
        {
            $"id:            {definition.Id}",
            $"title:         {definition.Title}",
            $"autobahn:      {definition.Autobahn ?? "-"}",
            $"level:         {definition.Level.ToString().ToUpperInvariant()}{(definition.Informational ? " (informational: recorded, not judged)" : string.Empty)}",
            $"tests:         {Roles(definition.Roles)}",
            $"spec:          {string.Join(", ", definition.Spec)}",
            $"source:        {definition.Source}",
            $"stimulus:      {definition.Stimulus.ReplaceLineEndings(" ")}",
            $"requirement:   {definition.Requirement.ReplaceLineEndings(" ")}",
        };
        lines.AddRange(DescribeHandshake(definition.Handshake));
        lines.Add(definition.Steps.Count == 0 ? "steps:         (none)" : "steps:");
        lines.AddRange(definition.Steps.Select((step, index) => $"  {index + 1}. {DescribeStep(step)}"));
        lines.Add(definition.Outcomes.Count == 0 ? "expect:        (no events; only the handshake and the close are judged)" : "expect:");
        foreach (var (verdict, events) in definition.Outcomes)
        {
            lines.Add(events.Count == 0 ? $"  {verdict.ToAutobahn()}: (no events)" : $"  {verdict.ToAutobahn()}:");
            lines.AddRange(events.Select((expected, index) => $"    {index + 1}. {DescribeEvent(expected)}"));
        }

        lines.Add($"close:         {DescribeClose(definition.Close)}");
        lines.Add($"timeout:       {DurationText.Format(definition.Timeout)}, then {(definition.OnTimeout == TimeoutAction.Fail ? "fail (close 1001)" : "close (no code)")}");
        return lines;
    }

    public static string DescribeStep(Step step) => step switch
    {
        SendFrameStep send => $"send {DescribeFrame(send.Frame)}{DescribeChop(send.Chop)}",
        SendFramesStep all => $"send {all.Frames.Count} frames in one write{DescribeChop(all.Chop)}: {string.Join("; ", all.Frames.Select(DescribeFrame))}",
        SendRawStep raw => $"send raw bytes {DescribePayload(raw.Bytes)}{DescribeChop(raw.Chop)}",
        PauseStep pause => $"pause {DurationText.Format(pause.Duration)}{(pause.Mark is null ? string.Empty : $", then mark '{pause.Mark}' if still open")}",
        CloseStep close => close.Code is null
            ? "close (no code)"
            : $"close {close.Code}{(close.Reason.Length == 0 ? string.Empty : $" \"{Escape(close.Reason)}\"")}",
        ShutdownStep shutdown => shutdown.Reset ? "reset the TCP connection (RST)" : "half-close TCP (FIN)",
        RoundTripStep { Window: { } window } trips =>
            $"{trips.Count} round trips: send the next {window.Size} bytes of a {window.Data.Length}-byte data set as {((Opcode)trips.Frame.Opcode).Name()}{(trips.Fragment is { } size ? $" in {size}-byte frames" : string.Empty)}, wait for its echo, repeat",
        RoundTripStep trips => $"{trips.Count} round trips: send {DescribeFrame(trips.Frame)}{(trips.Fragment is { } size ? $" in {size}-byte frames" : string.Empty)}, wait for its echo, repeat",
        _ => step.ToString(),
    };

    public static string DescribeFrame(FrameSpec frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var parts = new List<string> { ((Opcode)frame.Opcode).Name() };
        if (!frame.Fin)
        {
            parts.Add("fin=0");
        }

        if (frame.Rsv != 0)
        {
            parts.Add($"rsv={frame.Rsv}");
        }

        if (!frame.Masked)
        {
            parts.Add("unmasked");
        }
        else if (frame.MaskKey is { } key)
        {
            parts.Add($"mask={key:x8}");
        }

        if (frame.LengthOverride is { } length)
        {
            parts.Add($"length={length} (lying)");
        }

        if (frame.LengthForm != LengthEncoding.Minimal)
        {
            parts.Add($"length-form={frame.LengthForm switch { LengthEncoding.Bits7 => 7, LengthEncoding.Bits16 => 16, _ => 64 }}");
        }

        parts.Add(DescribePayload(frame.Payload));
        if (frame.SliceFrom is not null || frame.SliceTo is not null)
        {
            parts.Add($"(only bytes {frame.SliceFrom ?? 0}..{(frame.SliceTo is { } to ? (to - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "end")} of the serialised frame)");
        }

        return string.Join(' ', parts);
    }

    public static string DescribeEvent(ExpectedEvent expected) => expected switch
    {
        ExpectedMessage { Payload: { } payload } message => $"message {(message.Binary ? "binary" : "text")} {DescribePayload(payload)}",
        ExpectedMessage message => $"message {(message.Binary ? "binary" : "text")} of {message.Length} bytes{(message.Sha256 is null ? string.Empty : $", sha256 {message.Sha256}")}",
        ExpectedPing ping => $"ping {DescribePayload(ping.Payload)}",
        ExpectedPong pong => $"pong {DescribePayload(pong.Payload)}",
        ExpectedMark mark => $"mark '{mark.Name}' (still open after the pause)",
        ExpectedEcho echo => $"echo {(echo.Binary ? "binary" : "text")}: the message sent in that round trip (type, length and SHA-256)",
        _ => expected.ToString(),
    };

    /// <summary>Printable UTF-8 as a quoted string, anything else as hex; long payloads are cut with their length given.</summary>
    public static string DescribePayload(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length == 0)
        {
            return "(empty)";
        }

        var shown = payload.AsSpan(0, Math.Min(payload.Length, ShownBytes));
        var more = payload.Length > ShownBytes ? "..." : string.Empty;
        var text = IsPrintableUtf8(payload) ? $"\"{Escape(Encoding.UTF8.GetString(shown))}{more}\"" : $"0x{Convert.ToHexStringLower(shown)}{more}";
        return $"{text} ({payload.Length} bytes)";
    }

    private static string DescribeChop(Chop? chop) => chop is null
        ? string.Empty
        : $", chopped into {chop.Size}-byte pieces{(chop.Delay > TimeSpan.Zero ? $" {DurationText.Format(chop.Delay)} apart" : string.Empty)}";

    private static string DescribeClose(CloseExpectation close)
    {
        var codes = string.Join(", ", close.Codes);
        var text = close.By == Closer.Harness
            ? $"by the harness with {close.Codes[0]}; the peer answers with {codes}"
            : $"by the peer: close with {codes} (or no code) or a TCP close";
        var flags = new List<string>();
        flags.Add(close.RequireClean ? "clean required" : "unclean allowed");
        if (close.WrongCodeFails)
        {
            flags.Add("a wrong code fails");
        }

        if (close.HarnessClosingFails)
        {
            flags.Add("fails if the harness has to close");
        }

        return $"{text} ({string.Join(", ", flags)})";
    }

    private static IEnumerable<string> DescribeHandshake(HandshakeSpec? handshake)
    {
        if (handshake is null)
        {
            yield return "handshake:     (a valid RFC 6455 request, expecting 101)";
            yield break;
        }

        yield return "handshake:";
        if (handshake.RawRequest is { } raw)
        {
            yield return $"  raw:         \"{Escape(raw)}\"";
        }

        if (handshake.Method is not null || handshake.HttpVersion is not null)
        {
            yield return $"  request:     {handshake.Method ?? "GET"} HTTP/{handshake.HttpVersion ?? "1.1"}";
        }

        foreach (var (name, value) in handshake.SetHeaders)
        {
            yield return value is null ? $"  remove:      {name}" : $"  set:         {name}: {value}";
        }

        foreach (var (name, value) in handshake.AddHeaders)
        {
            yield return $"  add:         {name}: {value}";
        }

        if (handshake.Deflate is { } deflate)
        {
            yield return $"  deflate:     offers Sec-WebSocket-Extensions: {deflate.Offer}; {(deflate.IfDeclined == DeflateDeclined.Unimplemented ? "UNIMPLEMENTED if not accepted" : "the steps run uncompressed if not accepted")}";
        }

        if (handshake.Chop is { } chop)
        {
            yield return $"  written in:  {chop.Size}-byte pieces{(chop.Delay > TimeSpan.Zero ? $" {DurationText.Format(chop.Delay)} apart" : string.Empty)}";
        }

        if (handshake.FramesWithRequest)
        {
            yield return "  frames:      sent in the same segment as the request";
        }

        yield return $"  status:      {string.Join(" or ", handshake.ExpectStatus.Select(status => status.ToString(CultureInfo.InvariantCulture)))}"
            + (handshake.PlainHttp ? " (plain HTTP: any status but 101 passes)" : handshake.ExpectStatus.Contains(101) ? string.Empty : " (another 4xx/5xx: NON-STRICT; 101: FAILED)");
        foreach (var (name, value) in handshake.ExpectHeaders)
        {
            yield return $"  expect:      {name}: {value}";
        }

        foreach (var name in handshake.ExpectAbsent)
        {
            yield return $"  absent:      {name}";
        }
    }

    private static bool IsPrintableUtf8(byte[] payload)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(payload);
            return !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    /// <summary>"servers", "clients" or "servers and clients": which peers a case tests.</summary>
    public static string Roles(CaseRoles roles) => roles switch
    {
        CaseRoles.Server => "servers",
        CaseRoles.Client => "clients",
        _ => "servers and clients",
    };
}
