using System.Globalization;

namespace Conformance.Interop.Tests;

/// <summary>
/// Reads the kernel's listening TCP sockets (/proc/net/tcp and tcp6) to check that a peer bound
/// loopback only: some libraries turn a numeric 127.0.0.1 into a wildcard bind.
/// </summary>
public static class LoopbackListeners
{
    private const string ListenState = "0A";

    /// <summary>The local addresses (as the kernel writes them, hex) listening on <paramref name="port"/>.</summary>
    public static IReadOnlyList<string> ListeningAddresses(int port)
    {
        var addresses = new List<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != ListenState)
                {
                    continue;
                }

                var local = fields[1].Split(':');
                if (int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    addresses.Add(local[0]);
                }
            }
        }

        return addresses;
    }

    /// <summary>True for 127.x.x.x (IPv4, little-endian hex in /proc) and ::1.</summary>
    public static bool IsLoopback(string hexAddress) => hexAddress.Length switch
    {
        8 => hexAddress.EndsWith("7F", StringComparison.OrdinalIgnoreCase),
        32 => hexAddress.Equals("00000000000000000000000001000000", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
