namespace Conformance.Fuzz.Sample;

/// <summary>
/// Parses "records": a tag byte, a length byte, then that many bytes. Two bugs are planted on purpose:
/// the tag sequence "BUG!" indexes past the end (an <see cref="IndexOutOfRangeException"/>), and a record tagged
/// 'H' whose length byte is 'G' sleeps far longer than any fuzzing timeout (a hang, bounded at ten seconds).
/// Everything else is either parsed or rejected with <see cref="FormatException"/>, the parser's own error.
/// </summary>
public static class TinyRecordParser
{
    public static int Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            throw new FormatException("a record has at least a tag and a length");
        }

        if (data[0] == 'B' && data[1] == 'U' && data.Length > 2 && data[2] == 'G' && data.Length > 3 && data[3] == '!')
        {
            var lengths = new int[3];
            return lengths[data[0] - 'A' + 2]; // Planted bug: index 3 of a 3-element array.
        }

        if (data[0] == 'H' && data[1] == 'G')
        {
            Thread.Sleep(TimeSpan.FromSeconds(10)); // Planted hang.
        }

        var records = 0;
        for (var offset = 0; offset < data.Length; records++)
        {
            if (offset + 2 > data.Length)
            {
                throw new FormatException($"a truncated record header at {offset}");
            }

            var length = data[offset + 1];
            if (offset + 2 + length > data.Length)
            {
                throw new FormatException($"record {records} announces {length} bytes past the end");
            }

            offset += 2 + length;
        }

        return records;
    }

    /// <summary>The fuzz target: <see cref="FormatException"/> is expected, anything else is a finding.</summary>
    public static void Fuzz(ReadOnlySpan<byte> data)
    {
        try
        {
            _ = Parse(data);
        }
        catch (FormatException)
        {
            // The parser's own error.
        }
    }
}
