using System.Security.Cryptography;

namespace Conformance.Harness.Running;

/// <summary>
/// Masking keys from the system's cryptographic generator (RFC 6455 5.3: "a strong source of entropy"), drawn 1024 at
/// a time so a bulk transfer does not pay a generator call per frame.
/// </summary>
internal static class MaskKeys
{
    [ThreadStatic]
    private static uint[]? _keys;

    [ThreadStatic]
    private static int _next;

    public static uint Next()
    {
        var keys = _keys ??= new uint[1024];
        if (_next == 0)
        {
            RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(keys.AsSpan()));
        }

        var key = keys[_next];
        _next = (_next + 1) % keys.Length;
        return key;
    }
}
