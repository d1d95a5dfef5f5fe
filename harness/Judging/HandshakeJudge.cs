using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Judging;

/// <summary>Compares the response with a case's handshake expectations: status, fields present with values, fields absent.</summary>
public static class HandshakeJudge
{
    /// <summary>Each mismatch in words (empty when everything matches).</summary>
    public static IReadOnlyList<string> Mismatches(HandshakeSpec? spec, HandshakeResponse response, string sections, int responseIndex)
    {
        ArgumentNullException.ThrowIfNull(response);
        var problems = new List<string>();
        var expected = spec?.ExpectStatus ?? [101];
        var at = $"response #{responseIndex}";
        if (!expected.Contains(response.StatusCode))
        {
            problems.Add($"{sections}: expected status {Show(expected)}, got {response.StatusCode} {response.ReasonPhrase} ({at})");
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
                problems.Add($"{sections}: expected {name}: {value}, got {seen} ({at})");
            }
        }

        foreach (var name in spec?.ExpectAbsent ?? [])
        {
            if (response.Headers.Contains(name))
            {
                problems.Add($"{sections}: expected no {name} field, got \"{response.Headers.GetCombined(name)}\" ({at})");
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
