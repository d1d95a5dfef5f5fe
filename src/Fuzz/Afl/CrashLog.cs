namespace Conformance.Fuzz.Afl;

/// <summary>Writes an unexpected exception to stderr (AFL++ shows a target's stderr with AFL_DEBUG_CHILD=1).</summary>
internal static class CrashLog
{
    public static void Write(Exception exception, ReadOnlySpan<byte> data)
    {
        var shown = Convert.ToHexString(data[..Math.Min(64, data.Length)]);
        Console.Error.WriteLine($"wsconform-fuzz: crash on {data.Length} bytes ({shown}{(data.Length > 64 ? "..." : string.Empty)}): {exception}");
    }
}
