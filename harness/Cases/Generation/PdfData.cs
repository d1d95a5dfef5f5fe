using System.Globalization;
using System.Text;

namespace Conformance.Harness.Cases.Generation;

/// <summary>
/// A PDF-like file: a header, then objects, most of them streams of random bytes (a real PDF's streams are already
/// deflated, so they hardly compress), some of them text (dictionaries, content operators), then whatever fits of a trailer.
/// </summary>
internal static class PdfData
{
    public static byte[] Generate(int length, SeededRandom random)
    {
        var bytes = new byte[length];
        var output = new MemoryStream(length + 4096);
        Write(output, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var number = 1;
        while (output.Length < length)
        {
            if (random.Below(3) == 0)
            {
                Write(output, $"{number} 0 obj\n<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 {number + 1} 0 R >> >> /MediaBox [0 0 612 792] /Contents {number + 2} 0 R >>\nendobj\n");
                Write(output, $"{number + 1} 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>\nendobj\n");
                Write(output, $"{number + 2} 0 obj\n<< /Length 88 >>\nstream\nBT /F1 12 Tf 72 712 Td (Compression of WebSocket messages, page {number}) Tj ET\nendstream\nendobj\n");
                number += 3;
                continue;
            }

            var size = 512 + random.Below(8192);
            Write(output, $"{number} 0 obj\n<< /Length {size.ToString(CultureInfo.InvariantCulture)} /Filter /FlateDecode >>\nstream\n");
            var stream = new byte[size];
            random.Fill(stream);
            output.Write(stream);
            Write(output, "\nendstream\nendobj\n");
            number++;
        }

        output.Position = 0;
        output.ReadExactly(bytes);
        return bytes;
    }

    private static void Write(MemoryStream output, string text) => output.Write(Encoding.Latin1.GetBytes(text));
}
