using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Tests.Reporting.Junit;

/// <summary>results.json documents built in code for the report, diff and gate tests.</summary>
internal static class SampleResults
{
    public static readonly DateTimeOffset Started = new(2026, 11, 22, 5, 33, 58, TimeSpan.FromHours(1));

    /// <summary>Text a hostile server controls: markup, CDATA end, Markdown, control characters, a lone surrogate and non-characters.</summary>
    public const string Hostile = "<script>alert('x')</script> ]]> -- | `code` *bold* _it_ [link](https://evil.example/) \\ & &amp; $x$ ~~s~~ \u0001\u001b[31m\u0000 \ud800 \uffff\ufffe \u202e line1\r\nline2\n# heading";

    public static CaseRecord Case(
        string id,
        string verdict,
        string area = "framing",
        string? autobahn = null,
        string? reason = null,
        IReadOnlyList<string>? errors = null,
        long durationMs = 12,
        IReadOnlyList<string>? spec = null,
        string? title = null) => new()
        {
            Id = id,
            Autobahn = autobahn,
            Title = title ?? $"title of {id}",
            Area = area,
            Spec = spec ?? ["RFC 6455 5.2", "RFC 6455 5.6"],
            Level = "MUST",
            Verdict = VerdictSpelling.TryParseVerdict(verdict, out var parsed) ? parsed : throw new ArgumentException($"not a verdict: {verdict}", nameof(verdict)),
            CloseVerdict = verdict == "FAILED" ? CloseVerdict.Failed : CloseVerdict.Ok,
            Reason = reason ?? (verdict == "OK" ? null : $"RFC 6455 5.2: why {id} is {verdict}"),
            DurationMs = durationMs,
            RemoteCloseCode = verdict == "FAILED" ? 1002 : 1000,
            Stimulus = $"Sends what {id} sends.",
            Requirement = $"The peer does what {id} requires.",
            Errors = errors,
        };

    public static TargetResults Target(string url, string? agent, params CaseRecord[] cases) => new(url, agent, cases);

    public static ResultsDocument Document(params TargetResults[] targets) => Document(complete: true, targets);

    public static ResultsDocument Document(bool complete, params TargetResults[] targets) => new()
    {
        Tool = new ToolInfo("wsconform", "0.1.0"),
        StartedAt = Started,
        FinishedAt = complete ? Started.AddSeconds(2.7) : null,
        Complete = complete,
        Targets = targets,
    };

    /// <summary>Two targets, three areas, every verdict, harness faults (on a FAILED and on an OK case) and hostile text everywhere a target reaches.</summary>
    public static ResultsDocument Realistic() => Document(
        Target(
            "ws://127.0.0.1:9001/",
            "nginx/1.25 " + Hostile,
            Case("framing.text.hello", "OK", autobahn: "1.1.1"),
            Case("framing.reserved-opcode-3", "FAILED", autobahn: "4.1.1", reason: "RFC 6455 5.2: the peer echoed a frame with opcode 0x3\nsecond line " + Hostile, durationMs: 1234),
            Case("framing.rsv1", "FAILED", autobahn: "3.1", errors: ["step 2: cannot write the frame " + Hostile, "second fault"]),
            Case("framing.ok-with-fault", "OK", errors: ["the observer lost 3 bytes"]),
            Case("close.code-1005", "NON-STRICT", area: "close", autobahn: "7.3.1", reason: "close reason: " + Hostile),
            Case("close.reason-123", "INFORMATIONAL", area: "close", autobahn: "7.3.6", reason: "recorded: " + Hostile),
            Case("utf8.fail-fast", "UNIMPLEMENTED", area: "utf8", reason: "the peer does not fail fast " + Hostile, spec: [])),
        Target(
            "ws://127.0.0.1:9002/",
            null,
            Case("framing.text.hello", "OK", autobahn: "1.1.1"),
            Case("framing.reserved-opcode-3", "OK", autobahn: "4.1.1"),
            Case("close.code-1005", "FAILED", area: "close", autobahn: "7.3.1", reason: null, errors: [])));

    /// <summary>One target, <paramref name="count"/> FAILED cases whose reasons are long and hostile.</summary>
    public static ResultsDocument AllFailed(int count) => Document(Target(
        "ws://127.0.0.1:9001/",
        "huge",
        [.. Enumerable.Range(1, count).Select(i => Case(
            $"framing.case-{i}",
            "FAILED",
            autobahn: $"9.{i}",
            reason: string.Concat(Enumerable.Repeat("<&|\u0001`*", 2000)),
            title: string.Concat(Enumerable.Repeat("title<>", 500))))]));
}
