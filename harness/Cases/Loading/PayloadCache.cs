using System.Collections.Concurrent;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// One array for every equal large payload a catalogue spells the same way (<c>{ repeat: "*", length: 4194304 }</c> in
/// nine Autobahn 9.x cases): the catalogue's memory is its distinct payloads, not their sum. Payload arrays are never
/// written after they are made. Held weakly, so an unused catalogue's payloads can be collected.
/// </summary>
internal static class PayloadCache
{
    private const int SharedFrom = 4096;

    private static readonly ConcurrentDictionary<string, WeakReference<byte[]>> Payloads = new(StringComparer.Ordinal);

    /// <summary>
    /// The bytes as an array shared with every equal one interned before: the 65,536 fragments of a 4 MiB run of '*' are one
    /// array, not 65,536.
    /// </summary>
    public static byte[] Intern(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return [];
        }

        var key = $"bytes:{bytes.Length}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))}";
        if (Payloads.TryGetValue(key, out var known) && known.TryGetTarget(out var payload))
        {
            return payload;
        }

        payload = bytes.ToArray();
        Payloads[key] = new WeakReference<byte[]>(payload);
        return payload;
    }

    public static byte[] Get(string key, Func<byte[]> make)
    {
        if (Payloads.TryGetValue(key, out var known) && known.TryGetTarget(out var payload))
        {
            return payload;
        }

        payload = make();
        if (payload.Length >= SharedFrom)
        {
            Payloads[key] = new WeakReference<byte[]>(payload);
        }

        return payload;
    }
}
