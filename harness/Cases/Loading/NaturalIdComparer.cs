namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Orders ids naturally: runs of digits compare as numbers, so <c>1.2.9</c> comes before <c>1.2.10</c> and
/// <c>framing.length-9</c> before <c>framing.length-10</c>. Equal-looking ids (<c>1.01</c>, <c>1.1</c>) fall back to ordinal order.
/// </summary>
public sealed class NaturalIdComparer : IComparer<string?>
{
    public static NaturalIdComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var order = char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j])
                ? CompareNumbers(x, ref i, y, ref j)
                : x[i++].CompareTo(y[j++]);
            if (order != 0)
            {
                return order;
            }
        }

        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static int CompareNumbers(string x, ref int i, string y, ref int j)
    {
        var a = Digits(x, ref i).TrimStart('0');
        var b = Digits(y, ref j).TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.CompareTo(b, StringComparison.Ordinal);
    }

    private static ReadOnlySpan<char> Digits(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }

        return text.AsSpan(start, index - start);
    }
}
