using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// RFC 6455 5.3: a client picks each frame's masking key fresh from a strong source of entropy, so the server cannot
/// predict it. Seen from the server, a key that is all zero more than once, the same key on two frames in a row, or more
/// repeats than chance allows (the birthday bound over 2^32 keys) means the keys are predictable. One chance
/// collision is not a finding: the bound keeps a fair client from being accused.
/// </summary>
internal sealed class MaskKeyAudit
{
    /// <summary>Keys remembered for repeats; a longer case is audited on its first frames.</summary>
    private const int MaxKeysRemembered = 1 << 17;

    private readonly HashSet<uint> _seen = [];
    private long _frames;
    private long _zero;
    private long _repeats;
    private long _consecutive;
    private uint? _previous;
    private int _firstSuspectWireIndex = -1;

    public void Add(uint key, int wireIndex)
    {
        _frames++;
        var suspect = false;
        if (key == 0)
        {
            _zero++;
            suspect = true;
        }

        if (_previous == key)
        {
            _consecutive++;
            suspect = true;
        }

        if (_seen.Count < MaxKeysRemembered && !_seen.Add(key))
        {
            _repeats++;
            suspect = true;
        }

        if (suspect && _firstSuspectWireIndex < 0 && wireIndex >= 0)
        {
            _firstSuspectWireIndex = wireIndex;
        }

        _previous = key;
    }

    /// <summary>The finding, or null when the keys look fresh.</summary>
    public PeerViolation? Finding()
    {
        var remembered = Math.Min(_frames, MaxKeysRemembered);

        // Expected chance repeats among n random 32-bit keys: n(n-1)/2^33. Allow that plus a wide margin.
        var expected = remembered * (remembered - 1) / 8_589_934_592.0;
        var allowed = 2 + (4 * expected) + (6 * Math.Sqrt(expected));
        var problems = new List<string>();
        if (_zero > 1)
        {
            problems.Add($"{_zero} frames with the all-zero key");
        }

        if (_consecutive > 1)
        {
            problems.Add($"{_consecutive} frames with the same key as the frame before");
        }

        if (_repeats > allowed)
        {
            problems.Add($"{_repeats} repeated keys among {_frames} frames (chance would give about {expected:0.##})");
        }

        return problems.Count == 0
            ? null
            : new PeerViolation(
                "RFC 6455 5.3",
                "the client MUST pick a fresh masking key for each frame from a strong source of entropy, so the server cannot predict it",
                _firstSuspectWireIndex,
                _firstSuspectWireIndex >= 0 ? $"{string.Join(", ", problems)} (the first at #{_firstSuspectWireIndex})" : string.Join(", ", problems),
                RequirementLevel.Must);
    }
}
