using System.Security.Cryptography;
using System.Text;

namespace Conformance.Interop.Tests;

/// <summary>
/// The scripted exchange every interop client performs (the peer scripts in Peers/ use the same values):
/// text, binary 0..255, a text message in three fragments, 16 MiB binary, a ping, close 1000 "done".
/// </summary>
public static class ExchangeScript
{
    public const string Text = "Hello, wsconform \u2713";

    public const string PingPayloadText = "ping-payload";

    public const ushort CloseCode = 1000;

    public const string CloseReason = "done";

    public const int LargeSize = 16 * 1024 * 1024;

    public static readonly string[] Fragments = ["frag-1 ", "frag-2 ", "frag-3"];

    public static string FragmentedText => string.Concat(Fragments);

    public static byte[] PingPayload => Encoding.UTF8.GetBytes(PingPayloadText);

    /// <summary>The bytes 0..255.</summary>
    public static byte[] SmallBinary()
    {
        var bytes = new byte[256];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        return bytes;
    }

    /// <summary>A deterministic payload: byte i is (i * 31) mod 251.</summary>
    public static byte[] Large(int length = LargeSize)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((long)i * 31 % 251);
        }

        return bytes;
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
