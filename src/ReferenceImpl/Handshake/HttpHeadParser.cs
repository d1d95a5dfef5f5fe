using System.Text;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// Splits a head into its start line and header fields, strictly: lines end in CRLF, no obs-fold,
/// names are tokens, values are field-content. Shared by the request and response parsers.
/// </summary>
internal static class HttpHeadParser
{
    public const string HeadEndRule = "RFC 7230 3: an HTTP head is a start line and header field lines, each ending in CRLF, closed by an empty line (CRLF CRLF)";
    public const string TooLargeRule = "RFC 6585 5: a server may answer 431 when the header fields are too large";
    public const string FieldSyntaxRule = "RFC 7230 3.2: header-field = field-name \":\" OWS field-value OWS, field-name a token, field-value visible ASCII, obs-text, SP or HTAB";

    /// <summary>Parses the head at the start of the buffer; bytes after its CRLF CRLF are ignored.</summary>
    /// <returns>The start line (without CRLF) and the header fields.</returns>
    public static (ReadOnlyMemory<byte> StartLine, HttpHeaders Headers) Parse(ReadOnlySpan<byte> buffer, HandshakeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.EnsureValid();

        switch (HttpHeadReader.TryFindEnd(buffer, limits, out var headLength))
        {
            case HeadReadStatus.NeedMoreData:
                throw new HandshakeException(400, HeadEndRule, $"The head is incomplete: {buffer.Length} bytes hold no empty line (CRLF CRLF) to end it.");
            case HeadReadStatus.TooLarge:
                throw new HandshakeException(431, TooLargeRule, $"The head is larger than the limit of {limits.MaxHeadBytes} bytes (HandshakeLimits.MaxHeadBytes).");
        }

        // Drop the empty line's CRLF: what remains is lines that each end in CRLF.
        var rest = buffer[..(headLength - 2)];
        ReadOnlyMemory<byte> startLine = default;
        var fields = new List<HttpHeaderField>();
        var lineNumber = 0;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = rest[..end];
            rest = rest[(end + 2)..];
            lineNumber++;

            // RFC 7230 3.5: a bare CR or LF is no line end here; lines end in CRLF only.
            var stray = line.IndexOfAny((byte)'\r', (byte)'\n');
            if (stray >= 0)
            {
                var what = line[stray] == '\r' ? "CR" : "LF";
                throw new HandshakeException(400, HeadEndRule, $"Line {lineNumber} holds a bare {what} at byte {stray + 1}; every line must end in CRLF and hold no other CR or LF.");
            }

            if (lineNumber == 1)
            {
                if (line.IsEmpty)
                {
                    // RFC 7230 3.5 lets a server skip empty lines before the start line; this one is strict.
                    throw new HandshakeException(400, HeadEndRule, "The head starts with an empty line; the start line must come first.");
                }

                startLine = line.ToArray();
                continue;
            }

            fields.Add(ParseField(line, lineNumber, fields.Count, limits));
        }

        return (startLine, new HttpHeaders(fields));
    }

    private static HttpHeaderField ParseField(ReadOnlySpan<byte> line, int lineNumber, int fieldsSoFar, HandshakeLimits limits)
    {
        // RFC 6585 5: too many or too long header fields may be refused with 431.
        if (fieldsSoFar >= limits.MaxHeaderCount)
        {
            throw new HandshakeException(431, TooLargeRule, $"The head has more than {limits.MaxHeaderCount} header fields (HandshakeLimits.MaxHeaderCount).");
        }

        if (line.Length > limits.MaxHeaderLineBytes)
        {
            throw new HandshakeException(431, TooLargeRule, $"Header line {lineNumber} is {line.Length} bytes, more than the limit of {limits.MaxHeaderLineBytes} (HandshakeLimits.MaxHeaderLineBytes).");
        }

        // RFC 7230 3.2.4: obs-fold (a line starting with SP or HTAB) is obsolete; a server MUST reject it with 400
        // or replace it, and a sender MUST NOT generate it. This code rejects.
        if (HttpSyntax.IsOws(line[0]))
        {
            throw new HandshakeException(400, "RFC 7230 3.2.4: line folding (obs-fold) MUST NOT be sent and is rejected with 400", $"Header line {lineNumber} starts with whitespace (obsolete line folding).");
        }

        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            throw new HandshakeException(400, FieldSyntaxRule, $"Header line {lineNumber} has no colon: \"{Show(line)}\".");
        }

        var name = line[..colon];
        if (name.IsEmpty)
        {
            throw new HandshakeException(400, FieldSyntaxRule, $"Header line {lineNumber} has an empty field name.");
        }

        // RFC 7230 3.2.4: no whitespace is allowed between the field name and colon; a server MUST reject it with 400.
        if (HttpSyntax.IsOws(name[^1]))
        {
            throw new HandshakeException(400, "RFC 7230 3.2.4: no whitespace is allowed between a header field name and the colon", $"Header line {lineNumber} has whitespace before its colon: \"{Show(line)}\".");
        }

        if (!HttpSyntax.IsToken(name))
        {
            var bad = name[HttpSyntax.IndexOfNonTChar(name)];
            throw new HandshakeException(400, FieldSyntaxRule, $"Header field name \"{Show(name)}\" on line {lineNumber} holds {HttpSyntax.Describe(bad)}, which is not a token character.");
        }

        var value = line[(colon + 1)..];
        var start = 0;
        while (start < value.Length && HttpSyntax.IsOws(value[start]))
        {
            start++;
        }

        var stop = value.Length;
        while (stop > start && HttpSyntax.IsOws(value[stop - 1]))
        {
            stop--;
        }

        value = value[start..stop];
        for (var i = 0; i < value.Length; i++)
        {
            if (!HttpSyntax.IsFieldValueByte(value[i]))
            {
                throw new HandshakeException(400, FieldSyntaxRule, $"The value of header field \"{Show(name)}\" on line {lineNumber} holds {HttpSyntax.Describe(value[i])}, which is not allowed in a field value.");
            }
        }

        return new HttpHeaderField(Encoding.ASCII.GetString(name), Encoding.Latin1.GetString(value));
    }

    /// <summary>Shows up to 80 bytes of a line for a message, non-printable bytes escaped.</summary>
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder();
        foreach (var b in bytes.Length > 80 ? bytes[..80] : bytes)
        {
            builder.Append(b is >= 0x20 and <= 0x7E && b != '"' && b != '\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        if (bytes.Length > 80)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }
}
