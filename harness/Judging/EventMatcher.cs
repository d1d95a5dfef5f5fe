using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Judging;

/// <summary>Matches what the peer did against an expected event list: exactly, in order, nothing more (Autobahn compares whole lists).</summary>
public static class EventMatcher
{
    public static bool Matches(IReadOnlyList<ExpectedEvent> expected, IReadOnlyList<ObservedEvent> observed)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(observed);
        return expected.Count == observed.Count && expected.Zip(observed).All(pair => Matches(pair.First, pair.Second));
    }

    /// <summary>The index of the first event that differs (the shorter list's length when one is a prefix of the other).</summary>
    public static int FirstDifference(IReadOnlyList<ExpectedEvent> expected, IReadOnlyList<ObservedEvent> observed)
    {
        var i = 0;
        while (i < expected.Count && i < observed.Count && Matches(expected[i], observed[i]))
        {
            i++;
        }

        return i;
    }

    public static bool Matches(ExpectedEvent expected, ObservedEvent observed) => (expected, observed) switch
    {
        (ExpectedMessage e, ObservedMessage o) => e.Binary == o.Binary && MessageMatches(e, o),
        (ExpectedPing e, ObservedPing o) => e.Payload.AsSpan().SequenceEqual(o.Payload),
        (ExpectedPong e, ObservedPong o) => e.Payload.AsSpan().SequenceEqual(o.Payload),
        (ExpectedMark e, ObservedMark o) => string.Equals(e.Name, o.Name, StringComparison.Ordinal),
        (ExpectedEcho e, ObservedMessage o) => o.EchoOf is { Equal: true } sent && e.Binary == o.Binary && sent.Binary == o.Binary && !o.Incomplete,
        _ => false,
    };

    private static bool MessageMatches(ExpectedMessage expected, ObservedMessage observed)
    {
        if (observed.Incomplete)
        {
            return false;
        }

        if (expected.Payload is { } payload)
        {
            // The observer keeps a message's first bytes and a SHA-256 of all of it; a long expected payload compares by hash.
            return payload.LongLength == observed.Length && (observed.Truncated
                ? observed.Sha256 is { } hash && string.Equals(hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload)), StringComparison.Ordinal)
                : payload.AsSpan().SequenceEqual(observed.Payload));
        }

        return (expected.Length is not { } length || length == observed.Length)
            && (expected.Sha256 is not { } sha || string.Equals(sha, observed.Sha256, StringComparison.OrdinalIgnoreCase));
    }
}
