using System.Reflection;
using System.Text.Json.Serialization;
using Conformance.Harness.Cases.Model;
namespace Conformance.Harness.Results;

/// <summary>
/// The contents of <c>results.json</c>, schema <see cref="SchemaId"/>. Scripts and the report views read it; fields are
/// only ever added. Verdicts are spelled as Autobahn spells them (OK, NON-STRICT, INFORMATIONAL, UNIMPLEMENTED, FAILED).
/// </summary>
public sealed record ResultsDocument
{
    public const string SchemaId = "wsconform/results/v1";

    public string Schema { get; init; } = SchemaId;

    public required ToolInfo Tool { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>False while the run is going on or when it was interrupted; the cases listed are the finished ones.</summary>
    public bool Complete { get; init; }

    public required IReadOnlyList<TargetResults> Targets { get; init; }
}

public sealed record ToolInfo(string Name, string Version)
{
    /// <summary>This build of wsconform (its informational version without the commit).</summary>
    public static ToolInfo Current { get; } = new(
        "wsconform",
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");
}

/// <summary>One target's results. <see cref="Agent"/> is its Server header (or null), or for a client the name its driver gave.</summary>
public sealed record TargetResults(string Url, string? Agent, IReadOnlyList<CaseRecord> Cases)
{
    /// <summary>What was tested: "client" (wsconform serve-cases), or null for a server (wsconform run; older files).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Peer { get; init; }

    /// <summary>The value of <see cref="Peer"/> for a client.</summary>
    public const string ClientPeer = "client";

    /// <summary>How views name the target: its agent, else its URL (not stored: derived).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Label => Agent ?? Url;
}

/// <summary>One case's verdicts and evidence.</summary>
public sealed record CaseRecord
{
    public required string Id { get; init; }

    public string? Autobahn { get; init; }

    public required string Title { get; init; }

    public required string Area { get; init; }

    public required IReadOnlyList<string> Spec { get; init; }

    /// <summary>MUST, SHOULD or INFORMATIONAL.</summary>
    public required string Level { get; init; }

    [JsonConverter(typeof(VerdictJsonConverter))]
    public required Verdict Verdict { get; init; }

    [JsonConverter(typeof(CloseVerdictJsonConverter))]
    public required CloseVerdict CloseVerdict { get; init; }

    /// <summary>Why the verdict, naming the RFC section and the frame; null for OK.</summary>
    public string? Reason { get; init; }

    public required long DurationMs { get; init; }

    public int? RemoteCloseCode { get; init; }

    public required string Stimulus { get; init; }

    public required string Requirement { get; init; }

    public HandshakeRecord? Handshake { get; init; }

    /// <summary>Harness faults met while running the case (the verdict stands, but the evidence may be incomplete); null when none.</summary>
    public IReadOnlyList<string>? Errors { get; init; }

    public IReadOnlyList<WireRecord> Wire { get; init; } = [];
}

/// <summary>The opening handshake as sent and received (text, as on the wire); the wire log's handshake entries point here.</summary>
public sealed record HandshakeRecord(string Request, string? Response);

/// <summary>
/// One entry of the wire log. <see cref="Direction"/> is <c>out</c> (harness to peer) or <c>in</c>; <see cref="Kind"/> is
/// <c>frame</c>, <c>raw</c> or <c>tcp</c>. Payloads over 1 KiB are elided to their first bytes with their length and SHA-256.
/// </summary>
public sealed record WireRecord
{
    public required double TimeMs { get; init; }

    public required string Direction { get; init; }

    public required string Kind { get; init; }

    public bool? Fin { get; init; }

    public int? Rsv { get; init; }

    public int? Opcode { get; init; }

    public string? OpcodeName { get; init; }

    public bool? Masked { get; init; }

    public long? Length { get; init; }

    /// <summary>The status code of a close frame (its first two payload bytes); its reason is then <see cref="PayloadText"/>.</summary>
    public int? CloseCode { get; init; }

    /// <summary>The payload as text when it is valid UTF-8 (text frames; a close frame's reason, after its code), else null.</summary>
    public string? PayloadText { get; init; }

    public string? PayloadHex { get; init; }

    /// <summary>True when the payload is shown only in part (its length and SHA-256 are given); absent otherwise.</summary>
    public bool? Elided { get; init; }

    public string? PayloadSha256 { get; init; }

    /// <summary>For a frame of a permessage-deflate compressed message (RFC 7692): how many bytes it inflated to (or was compressed from).</summary>
    public long? InflatedLength { get; init; }

    /// <summary>Those inflated bytes as text (valid UTF-8, at most 1 KiB shown), else as hex (at most 64 bytes shown).</summary>
    public string? InflatedText { get; init; }

    public string? InflatedHex { get; init; }

    /// <summary>What a tcp entry says (connected, peer closed, reset, ...) or a note on a frame.</summary>
    public string? Note { get; init; }
}
