using System.Text;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Benchmarks;

/// <summary>The kind of text validated.</summary>
public enum TextKind
{
    /// <summary>Plain ASCII: one byte a character.</summary>
    Ascii,

    /// <summary>Greek (2-byte), CJK (3-byte) and emoji (4-byte) mixed with ASCII; 1 KiB chunks cut sequences.</summary>
    Mixed,
}

/// <summary>
/// Incremental UTF-8 validation (<see cref="Utf8Validator.Advance"/>) over a whole buffer and over 1 KiB chunks
/// (as frames or socket reads deliver it), against the runtime's one-shot <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/>.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class Utf8ValidationBenchmarks
{
    private const int ChunkSize = 1024;

    private const string MixedSample =
        "Καλημέρα κόσμε, γειά σου! 世界你好，这是一个测试。日本語のテキスト。 😀🚀🎉🌍 plain ascii words, numbers 12345; ";

    private byte[] _data = [];

    [Params(64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [Params(TextKind.Ascii, TextKind.Mixed)]
    public TextKind Text { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = Build(Text, Size);
        if (!Utf8.IsValid(_data) || !ValidatorWhole() || !ValidatorChunked1KiB())
        {
            throw new InvalidOperationException("benchmark text is not valid UTF-8 or the validator disagrees");
        }
    }

    [Benchmark(Baseline = true, Description = "Utf8.IsValid (runtime)")]
    public bool RuntimeIsValid() => Utf8.IsValid(_data);

    [Benchmark(Description = "Utf8Validator whole")]
    public bool ValidatorWhole()
    {
        var validator = default(Utf8Validator);
        return validator.Advance(_data) && validator.IsComplete;
    }

    [Benchmark(Description = "Utf8Validator 1 KiB chunks")]
    public bool ValidatorChunked1KiB()
    {
        var validator = default(Utf8Validator);
        ReadOnlySpan<byte> rest = _data;
        while (!rest.IsEmpty)
        {
            var length = Math.Min(ChunkSize, rest.Length);
            if (!validator.Advance(rest[..length]))
            {
                return false;
            }

            rest = rest[length..];
        }

        return validator.IsComplete;
    }

    private static byte[] Build(TextKind kind, int size)
    {
        var data = new byte[size];
        if (kind == TextKind.Ascii)
        {
            var sample = "The quick brown fox jumps over the lazy dog 0123456789. "u8;
            for (var i = 0; i < size; i++)
            {
                data[i] = sample[i % sample.Length];
            }

            return data;
        }

        // Repeat the mixed sample while whole copies fit, then pad with ASCII so the buffer stays valid.
        var unit = Encoding.UTF8.GetBytes(MixedSample);
        var filled = 0;
        while (filled + unit.Length <= size)
        {
            unit.CopyTo(data, filled);
            filled += unit.Length;
        }

        data.AsSpan(filled).Fill((byte)'.');
        return data;
    }
}
