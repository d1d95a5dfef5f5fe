using System.Globalization;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>The value of server_max_window_bits and client_max_window_bits (RFC 7692 7.1.2.1, 7.1.2.2).</summary>
public static class WindowBits
{
    /// <summary>
    /// RFC 7692 7.1.2.1: "a decimal integer value without leading zeroes between 8 to 15, inclusive"
    /// (server-max-window-bits = 1*DIGIT); 7.1.2.2 says the same of client_max_window_bits.
    /// </summary>
    public static bool TryParse(string? value, out int bits)
    {
        bits = 0;
        if (value is null || value.Length is < 1 or > 2 || value[0] == '0' || value.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return false;
        }

        bits = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        return IsValid(bits);
    }

    /// <summary>Whether <paramref name="bits"/> is in 8..15.</summary>
    public static bool IsValid(int bits) => bits is >= PerMessageDeflate.MinWindowBits and <= PerMessageDeflate.MaxWindowBits;

    /// <summary>The value as written in a header.</summary>
    public static string Format(int bits) => bits.ToString(CultureInfo.InvariantCulture);

    /// <summary>The window size in bytes: 2^bits.</summary>
    public static int Size(int bits) => 1 << bits;
}
