namespace Conformance.ReferenceImpl.Framing;

/// <summary>The 4-bit opcode of a frame. Any value 0-15 is representable, reserved ones included.</summary>
public enum Opcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

public static class OpcodeExtensions
{
    // RFC 6455 5.5: control frames have opcodes whose most significant bit is 1 (0x8-0xF).
    public static bool IsControl(this Opcode opcode) => ((byte)opcode & 0x8) != 0;

    // RFC 6455 5.2: 0x3-0x7 are reserved for further non-control frames, 0xB-0xF for control frames.
    public static bool IsReserved(this Opcode opcode) => (byte)opcode is (>= 0x3 and <= 0x7) or (>= 0xB and <= 0xF);

    /// <summary>The opcode's name for logs and reports ("text"), or "opcode 0x3" for reserved ones.</summary>
    public static string Name(this Opcode opcode) => opcode switch
    {
        Opcode.Continuation => "continuation",
        Opcode.Text => "text",
        Opcode.Binary => "binary",
        Opcode.Close => "close",
        Opcode.Ping => "ping",
        Opcode.Pong => "pong",
        _ => $"opcode 0x{(byte)opcode:X}",
    };
}
