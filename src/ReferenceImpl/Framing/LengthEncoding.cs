namespace Conformance.ReferenceImpl.Framing;

/// <summary>
/// Which payload-length form a frame header uses (RFC 6455 5.2). <see cref="Minimal"/> lets the writer
/// choose the shortest form; the others force a form, so non-minimal encodings can be expressed.
/// </summary>
public enum LengthEncoding : byte
{
    Minimal = 0,
    Bits7 = 1,
    Bits16 = 2,
    Bits64 = 3,
}

public static class LengthEncodingRules
{
    /// <summary>The shortest form that can carry <paramref name="length"/>.</summary>
    public static LengthEncoding MinimalFor(ulong length) => length switch
    {
        <= 125 => LengthEncoding.Bits7,
        <= 0xFFFF => LengthEncoding.Bits16,
        _ => LengthEncoding.Bits64,
    };

    /// <summary>Bytes the length takes after the first two header bytes.</summary>
    public static int ExtraBytes(LengthEncoding encoding) => encoding switch
    {
        LengthEncoding.Bits16 => 2,
        LengthEncoding.Bits64 => 8,
        _ => 0,
    };
}
