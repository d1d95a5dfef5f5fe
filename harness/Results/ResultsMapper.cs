using System.Security.Cryptography;
using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Results;

/// <summary>Turns a judged case into its results.json record: verdicts in Autobahn's spelling, the evidence on the wire.</summary>
public static class ResultsMapper
{
    /// <summary>Payloads longer than this are elided to their first bytes, their length and their SHA-256.</summary>
    public const int MaxInlinePayload = 1024;

    public static CaseRecord ToRecord(CaseDefinition definition, CaseResult result) => new()
    {
        Id = definition.Id,
        Autobahn = definition.Autobahn,
        Title = definition.Title,
        Area = definition.Area,
        Spec = definition.Spec,
        Level = definition.Level switch
        {
            RequirementLevel.Must => "MUST",
            RequirementLevel.Should => "SHOULD",
            _ => "INFORMATIONAL",
        },
        Verdict = result.Verdict,
        CloseVerdict = result.CloseVerdict,
        Reason = result.Verdict == Verdict.Ok && result.CloseVerdict == CloseVerdict.Ok ? null : result.Reason,
        DurationMs = result.DurationMs,
        RemoteCloseCode = result.RemoteCloseCode,
        Stimulus = definition.Stimulus,
        Requirement = definition.Requirement,
        Handshake = result.Observation.HandshakeRequest is { } request
            ? new HandshakeRecord(Clip(request), result.Observation.HandshakeResponse is { } response ? Clip(response) : null)
            : null,
        Errors = result.Observation.Errors.Count == 0 ? null : result.Observation.Errors,
        Wire = Capped(result.Observation.Wire),
    };

    /// <summary>At most this many wire entries per case: the first and last halves, with a note on what was left out.</summary>
    public const int MaxWireRecords = 500;

    private static List<WireRecord> Capped(IReadOnlyList<WireEntry> wire)
    {
        if (wire.Count <= MaxWireRecords)
        {
            return [.. wire.Select(ToWire)];
        }

        const int half = MaxWireRecords / 2;
        var left = wire.Count - (2 * half);
        var gap = new WireRecord { TimeMs = Math.Round(wire[half].AtMs, 3), Direction = "note", Kind = "note", Note = $"{left} wire entries left out (bulk transfer)" };
        return [.. wire.Take(half).Select(ToWire), gap, .. wire.Skip(wire.Count - half).Select(ToWire)];
    }

    public static WireRecord ToWire(WireEntry entry) => entry switch
    {
        FrameEntry frame => Payload(new WireRecord
        {
            TimeMs = Math.Round(entry.AtMs, 3),
            Direction = Direction(frame.Direction),
            Kind = "frame",
            Fin = frame.Fin,
            Rsv = frame.Rsv,
            Opcode = (int)frame.Opcode,
            OpcodeName = frame.Opcode.Name(),
            Masked = frame.Masked,
            Length = (long)Math.Min(frame.Length, long.MaxValue),
        }, frame, textual: frame.Opcode is Opcode.Text or Opcode.Close || (frame.Opcode is Opcode.Ping or Opcode.Pong or Opcode.Continuation && Printable(frame.Payload))) is var record && frame.Inflated is { } inflated
            ? Inflated(record, inflated, frame.InflatedLength)
            : record,
        RawEntry raw => Payload(new WireRecord
        {
            TimeMs = Math.Round(entry.AtMs, 3),
            Direction = Direction(raw.Direction),
            Kind = "raw",
            Length = raw.Bytes.Length,
            Note = raw.Note,
        }, raw.Bytes, textual: false),
        HandshakeEntry handshake => new WireRecord
        {
            TimeMs = Math.Round(entry.AtMs, 3),
            Direction = Direction(handshake.Direction),
            Kind = "handshake",
            Length = handshake.Text.Length,
            // The text itself is the case's handshake record; one copy is enough.
            // A response starts with its status line (HTTP/1.1 101 ...); the harness sends the request as a client, the response as a server.
            Note = handshake.Text.StartsWith("HTTP/", StringComparison.Ordinal) ? "response: see handshake.response" : "request: see handshake.request",
        },
        TcpEntry tcp => new WireRecord
        {
            TimeMs = Math.Round(entry.AtMs, 3),
            Direction = tcp.Kind is TcpEventKind.PeerEof or TcpEventKind.PeerReset ? "in" : "out",
            Kind = "tcp",
            Note = tcp.Detail is null ? tcp.Kind.ToString() : $"{tcp.Kind}: {tcp.Detail}",
        },
        NoteEntry note => new WireRecord { TimeMs = Math.Round(entry.AtMs, 3), Direction = "note", Kind = "note", Note = note.Text },
        _ => new WireRecord { TimeMs = Math.Round(entry.AtMs, 3), Direction = "note", Kind = "note", Note = entry.ToString() },
    };

    /// <summary>Handshake heads longer than this (the oversized-header cases) are cut, with their full length stated.</summary>
    public const int MaxHandshakeText = 16 * 1024;

    private static string Clip(string head) =>
        head.Length <= MaxHandshakeText ? head : $"{head[..MaxHandshakeText]}... ({head.Length} characters in all)";

    private static string Direction(WireDirection direction) => direction == WireDirection.Sent ? "out" : "in";

    /// <summary>A frame's payload: whole when kept whole, else its first bytes with the whole length and, when known, its SHA-256.</summary>
    private static WireRecord Payload(WireRecord record, FrameEntry frame, bool textual)
    {
        if (!frame.PayloadTruncated)
        {
            return Payload(record, frame.Payload, textual);
        }

        return record with
        {
            PayloadHex = Convert.ToHexString(frame.Payload.AsSpan(0, Math.Min(64, frame.Payload.Length))).ToLowerInvariant(),
            Elided = true,
            PayloadSha256 = frame.PayloadSha256,
            Note = frame.PayloadSha256 is null ? $"the first {Math.Min(64, frame.Payload.Length)} bytes of the payload shown; the observer keeps at most {WireLog.MaxPayloadPerEntry} bytes of a frame" : null,
        };
    }

    private static WireRecord Payload(WireRecord record, byte[] payload, bool textual)
    {
        // RFC 6455 5.5.1: a close payload is a 2-byte code, then a UTF-8 reason; show them apart.
        if (record.Opcode == (int)Opcode.Close && payload.Length >= 2 && payload.Length <= MaxInlinePayload
            && Utf8Text(payload[2..]) is { } reason)
        {
            return record with { CloseCode = (payload[0] << 8) | payload[1], PayloadText = reason };
        }

        var shown = payload.Length > MaxInlinePayload ? payload.AsSpan(0, 64) : payload;
        var text = textual && payload.Length <= MaxInlinePayload && Utf8Text(payload) is { } decoded ? decoded : null;
        return record with
        {
            PayloadText = text,
            PayloadHex = text is null ? Convert.ToHexString(shown).ToLowerInvariant() : null,
            Elided = payload.Length > MaxInlinePayload ? true : null,
            PayloadSha256 = payload.Length > MaxInlinePayload ? Convert.ToHexString(SHA256.HashData(payload)).ToLowerInvariant() : null,
        };
    }

    /// <summary>A compressed frame's data beside its bytes (RFC 7692 7.2): the text when it is UTF-8, else the first bytes in hex.</summary>
    private static WireRecord Inflated(WireRecord record, byte[] inflated, long length)
    {
        var text = length <= MaxInlinePayload && inflated.Length == length ? Utf8Text(inflated) : null;
        return record with
        {
            InflatedLength = Math.Max(length, inflated.Length),
            InflatedText = text,
            InflatedHex = text is null ? Convert.ToHexString(inflated.AsSpan(0, Math.Min(64, inflated.Length))).ToLowerInvariant() : null,
        };
    }

    /// <summary>Ping, pong and continuation payloads read as text when they are printable UTF-8 (as Autobahn shows them); else hex.</summary>
    private static bool Printable(byte[] payload) =>
        payload.Length <= MaxInlinePayload && Utf8Text(payload) is { } text && !text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));

    private static string? Utf8Text(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
