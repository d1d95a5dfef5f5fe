using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Judging;

/// <summary>Compares the response with a case's handshake expectations: status (a refusal judged by RFC 6455 4.2.1), fields present with values, fields absent.</summary>
public static class HandshakeJudge
{
    /// <summary>Each way the response differs from what the case expects, with the verdict it calls for (empty when it matches).</summary>
    public static IReadOnlyList<(Verdict Verdict, string Reason)> Judge(HandshakeSpec? spec, HandshakeResponse response, string sections, int responseIndex)
    {
        ArgumentNullException.ThrowIfNull(response);
        var problems = new List<(Verdict, string)>();
        var expected = spec?.ExpectStatus ?? [101];
        var at = $"response #{responseIndex}";
        var status = response.StatusCode;
        if (!expected.Contains(status))
        {
            var got = $"{status} {response.ReasonPhrase} ({at})";
            if (expected.Contains(101))
            {
                problems.Add((Verdict.Failed, $"{sections}: expected status {Show(expected)}, got {got}"));
            }
            else if (status == 101)
            {
                // RFC 6455 4.2.1: a server that finds the handshake broken MUST NOT complete it.
                problems.Add((Verdict.Failed, $"{sections}: the server upgraded (101) a request it must refuse; expected {Show(expected)} ({at})"));
            }
            else if (spec?.PlainHttp != true)
            {
                // RFC 6455 4.2.1: "return an HTTP response with an appropriate error code (such as 400 Bad Request)".
                problems.Add(status is >= 400 and <= 599
                    ? (Verdict.NonStrict, $"{sections}: refused with {got}, an error code but not the one suggested ({Show(expected)})")
                    : (Verdict.Failed, $"RFC 6455 4.2.1: a broken handshake MUST be answered with an HTTP error code (such as 400); got {got}"));
            }
        }

        foreach (var (name, value) in spec?.ExpectHeaders ?? [])
        {
            // Values compare as comma-separated token lists, case-insensitively (RFC 7230 7): every expected token must be
            // listed; more may be (a server may speak other versions too: RFC 6455 4.4).
            var want = Tokens(value);
            var got = response.Headers.GetTokens(name);
            if (!want.All(token => got.Contains(token, StringComparer.OrdinalIgnoreCase)))
            {
                var seen = response.Headers.GetCombined(name) is { } combined ? $"\"{combined}\"" : "no such field";
                problems.Add((Verdict.Failed, $"{sections}: expected {name}: {value}, got {seen} ({at})"));
            }
        }

        foreach (var name in spec?.ExpectAbsent ?? [])
        {
            if (response.Headers.Contains(name))
            {
                problems.Add((Verdict.Failed, $"{sections}: expected no {name} field, got \"{response.Headers.GetCombined(name)}\" ({at})"));
            }
        }

        return problems;
    }

    public static int ResponseIndex(Observation observation) =>
        observation.Wire.OfType<HandshakeEntry>().FirstOrDefault(entry => entry.Direction == WireDirection.Received)?.Index ?? -1;

    private static string Show(IReadOnlyList<int> statuses) => statuses.Count == 1 ? statuses[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : $"one of [{string.Join(", ", statuses)}]";

    private static List<string> Tokens(string value) =>
        [.. value.Split(',').Select(token => token.Trim(' ', '\t')).Where(token => token.Length > 0)];
}
