using System.Text.Unicode;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Fuzz.Targets;

/// <summary>
/// The incremental UTF-8 validator. Input: one byte choosing the piece size, then the text. Invariants: it agrees with
/// <see cref="Utf8.IsValid"/> on the whole input, and never rejects a piece of input that is valid UTF-8 as a whole.
/// </summary>
public static class Utf8Target
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var pieceSize = (data[0] % 17) + 1;
        var text = data[1..];
        var expected = Utf8.IsValid(text);
        var validator = default(Utf8Validator);
        for (var start = 0; start < text.Length; start += pieceSize)
        {
            if (!validator.Advance(text.Slice(start, Math.Min(pieceSize, text.Length - start))))
            {
                FuzzInvariantException.Check(!expected, $"rejected valid UTF-8 at the piece starting at {start}");
                FuzzInvariantException.Check(!validator.IsValid, "Advance returned false but the validator is still valid");
                return;
            }
        }

        FuzzInvariantException.Check(validator.IsValid && validator.IsComplete == expected, $"the validator says complete={validator.IsComplete}, Utf8.IsValid says {expected}");
    }
}
