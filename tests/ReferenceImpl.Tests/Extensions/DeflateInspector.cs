namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>
/// A small DEFLATE decoder (RFC 1951) written for the tests, independent of zlib: it decodes a run of blocks and
/// records the longest back-reference distance, so a test can prove that a compressor kept within an agreed window
/// (RFC 7692 7.1.2). Output accumulates across calls, as an LZ77 window does across messages with context takeover.
/// </summary>
internal sealed class DeflateInspector
{
    private const int MaxBits = 15;

    private static readonly int[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly int[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly int[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly int[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    private readonly List<byte> _output = [];
    private byte[] _input = [];
    private int _position;
    private int _bitBuffer;
    private int _bitCount;

    /// <summary>The longest distance any back-reference used so far.</summary>
    public int MaxDistance { get; private set; }

    /// <summary>The longest distance a back-reference used in the last <see cref="Decode(ReadOnlySpan{byte})"/>.</summary>
    public int LastMaxDistance { get; private set; }

    /// <summary>How many blocks with dynamic Huffman codes (BTYPE 10, RFC 1951 3.2.7) were decoded so far.</summary>
    public int DynamicBlocks { get; private set; }

    /// <summary>How many back-references (length/distance pairs, RFC 1951 3.2.5) were decoded so far.</summary>
    public int BackReferences { get; private set; }

    /// <summary>Whether a block with BFINAL set was seen.</summary>
    public bool SawFinalBlock { get; private set; }

    /// <summary>Decodes one message's DEFLATE data (with 0x00 0x00 0xff 0xff appended) and returns what it adds.</summary>
    public byte[] Decode(ReadOnlySpan<byte> data)
    {
        _input = data.ToArray();
        _position = 0;
        _bitBuffer = 0;
        _bitCount = 0;
        LastMaxDistance = 0;
        var start = _output.Count;
        while (_position < _input.Length && !SawFinalBlock)
        {
            SawFinalBlock = Bits(1) == 1;
            switch (Bits(2))
            {
                case 0:
                    Stored();
                    break;
                case 1:
                    Codes(Fixed.Literals, Fixed.Distances);
                    break;
                case 2:
                    DynamicBlocks++;
                    Dynamic();
                    break;
                default:
                    throw new InvalidDataException("BTYPE 11 is reserved");
            }
        }

        return _output.GetRange(start, _output.Count - start).ToArray();
    }

    private int Bits(int need)
    {
        var value = _bitBuffer;
        while (_bitCount < need)
        {
            if (_position == _input.Length)
            {
                throw new InvalidDataException("the data ended inside a block");
            }

            value |= _input[_position++] << _bitCount;
            _bitCount += 8;
        }

        _bitBuffer = value >> need;
        _bitCount -= need;
        return value & ((1 << need) - 1);
    }

    private void Stored()
    {
        _bitBuffer = 0;
        _bitCount = 0;
        var length = _input[_position] | (_input[_position + 1] << 8);
        var complement = _input[_position + 2] | (_input[_position + 3] << 8);
        if (length != (~complement & 0xFFFF))
        {
            throw new InvalidDataException("stored block LEN and NLEN disagree");
        }

        _position += 4;
        _output.AddRange(_input.AsSpan(_position, length));
        _position += length;
    }

    private int Decode(Huffman huffman)
    {
        int code = 0, first = 0, index = 0;
        for (var length = 1; length <= MaxBits; length++)
        {
            code |= Bits(1);
            var count = huffman.Count[length];
            if (code - count < first)
            {
                return huffman.Symbol[index + (code - first)];
            }

            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }

        throw new InvalidDataException("no Huffman code matches");
    }

    private void Codes(Huffman literals, Huffman distances)
    {
        while (true)
        {
            var symbol = Decode(literals);
            if (symbol < 256)
            {
                _output.Add((byte)symbol);
                continue;
            }

            if (symbol == 256)
            {
                return;
            }

            symbol -= 257;
            var length = LengthBase[symbol] + Bits(LengthExtra[symbol]);
            var distanceSymbol = Decode(distances);
            var distance = DistanceBase[distanceSymbol] + Bits(DistanceExtra[distanceSymbol]);
            BackReferences++;
            if (distance > _output.Count)
            {
                throw new InvalidDataException($"distance {distance} reaches before the start of the data");
            }

            MaxDistance = Math.Max(MaxDistance, distance);
            LastMaxDistance = Math.Max(LastMaxDistance, distance);
            for (var i = 0; i < length; i++)
            {
                _output.Add(_output[^distance]);
            }
        }
    }

    private void Dynamic()
    {
        var literalCount = Bits(5) + 257;
        var distanceCount = Bits(5) + 1;
        var codeLengthCount = Bits(4) + 4;
        var lengths = new int[19];
        for (var i = 0; i < codeLengthCount; i++)
        {
            lengths[CodeLengthOrder[i]] = Bits(3);
        }

        var codeLengths = new Huffman(lengths);
        var all = new int[literalCount + distanceCount];
        for (var i = 0; i < all.Length;)
        {
            var symbol = Decode(codeLengths);
            if (symbol < 16)
            {
                all[i++] = symbol;
                continue;
            }

            var (value, repeat) = symbol switch
            {
                16 => (all[i - 1], 3 + Bits(2)),
                17 => (0, 3 + Bits(3)),
                _ => (0, 11 + Bits(7)),
            };
            for (var r = 0; r < repeat; r++)
            {
                all[i++] = value;
            }
        }

        Codes(new Huffman(all[..literalCount]), new Huffman(all[literalCount..]));
    }

    private sealed class Huffman
    {
        public Huffman(int[] lengths)
        {
            foreach (var length in lengths)
            {
                Count[length]++;
            }

            Count[0] = 0;
            var offsets = new int[MaxBits + 2];
            for (var length = 1; length <= MaxBits; length++)
            {
                offsets[length + 1] = offsets[length] + Count[length];
            }

            Symbol = new int[lengths.Length];
            for (var symbol = 0; symbol < lengths.Length; symbol++)
            {
                if (lengths[symbol] != 0)
                {
                    Symbol[offsets[lengths[symbol]]++] = symbol;
                }
            }
        }

        public int[] Count { get; } = new int[MaxBits + 1];

        public int[] Symbol { get; }
    }

    private static class Fixed
    {
        public static readonly Huffman Literals = new([.. Enumerable.Range(0, 288).Select(s => s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)]);

        public static readonly Huffman Distances = new([.. Enumerable.Repeat(5, 30)]);
    }
}
