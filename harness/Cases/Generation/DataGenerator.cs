using System.Collections.Concurrent;

namespace Conformance.Harness.Cases.Generation;

/// <summary>
/// Generates a data set of a kind, exactly <c>length</c> bytes, deterministically from a seed. Results are cached and
/// shared (a family of cases uses one data set), so treat them as read-only.
/// </summary>
public static class DataGenerator
{
    private static readonly ConcurrentDictionary<(DataKind Kind, int Length, long Seed), byte[]> Cache = new();

    public static readonly IReadOnlyList<string> KindNames = ["json", "bitmap", "prose", "html", "pdf"];

    public static bool TryParseKind(string name, out DataKind kind)
    {
        var index = KindNames.ToList().IndexOf(name);
        kind = (DataKind)Math.Max(index, 0);
        return index >= 0;
    }

    public static byte[] Generate(DataKind kind, int length, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Cache.GetOrAdd((kind, length, seed), key => key.Kind switch
        {
            DataKind.Json => TextData.Json(key.Length, new SeededRandom(key.Seed)),
            DataKind.Html => TextData.Html(key.Length, new SeededRandom(key.Seed)),
            DataKind.Prose => TextData.Prose(key.Length, new SeededRandom(key.Seed)),
            DataKind.Bitmap => BitmapData.Generate(key.Length, new SeededRandom(key.Seed)),
            _ => PdfData.Generate(key.Length, new SeededRandom(key.Seed)),
        });
    }
}
