namespace Conformance.Harness.Cases.Loading;

/// <summary>Hex bytes as case files write them: <c>cebae1bd</c>, spaces allowed between bytes (<c>ce ba e1 bd</c>).</summary>
internal static class HexText
{
    public static bool TryParse(string text, out byte[] bytes)
    {
        var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        bytes = [];
        if (digits.Length % 2 != 0 || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(digits);
        return true;
    }
}
