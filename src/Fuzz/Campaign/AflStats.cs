using System.Globalization;

namespace Conformance.Fuzz.Campaign;

/// <summary>
/// Reads one AFL++ instance's numbers from its output folder: <c>fuzzer_stats</c> (written at start, about every minute
/// and at exit), the last line of <c>plot_data</c> (every few seconds), and the files in queue/, crashes/ and hangs/.
/// </summary>
internal static class AflStats
{
    public static CampaignProgress ReadInstance(string instanceDirectory, TimeSpan elapsed)
    {
        var stats = ReadKeyValues(Path.Combine(instanceDirectory, "fuzzer_stats"));
        var plot = ReadLastPlotLine(Path.Combine(instanceDirectory, "plot_data"));
        long Long(string statsKey, string plotKey) => Math.Max(ParseLong(stats, statsKey), ParseLong(plot, plotKey));
        // Over the whole run when fuzzer_stats has it (AFL++ rewrites it at exit), else the last plot_data line.
        var runTime = ParseLong(stats, "run_time");
        var execsPerSecond = runTime > 0 ? (double)ParseLong(stats, "execs_done") / runTime : ParseDouble(plot, "execs_per_sec");

        return new CampaignProgress(
            elapsed,
            Long("execs_done", "total_execs"),
            execsPerSecond,
            Math.Max((int)Long("corpus_count", "corpus_count"), CountIds(Path.Combine(instanceDirectory, "queue"))),
            CountIds(Path.Combine(instanceDirectory, "crashes")),
            CountIds(Path.Combine(instanceDirectory, "hangs")),
            (int)Long("edges_found", "edges_found"),
            Math.Max(ParseDouble(stats, "bitmap_cvg"), ParseDouble(plot, "map_size")));
    }

    /// <summary>Sums instances (edges and coverage: the best one, as they share inputs through the sync dir).</summary>
    public static CampaignProgress Combine(IReadOnlyList<CampaignProgress> instances, TimeSpan elapsed) => new(
        elapsed,
        instances.Sum(i => i.Execs),
        instances.Sum(i => i.ExecsPerSecond),
        instances.Sum(i => i.CorpusCount),
        instances.Sum(i => i.Crashes),
        instances.Sum(i => i.Hangs),
        instances.Count == 0 ? 0 : instances.Max(i => i.EdgesFound),
        instances.Count == 0 ? 0 : instances.Max(i => i.BitmapCoverage));

    public static IReadOnlyList<string> IdFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "id:*").Order(StringComparer.Ordinal).ToList()
            : [];

    private static int CountIds(string directory) => IdFiles(directory).Count;

    internal static Dictionary<string, string> ReadKeyValues(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (var line in ReadShared(path).Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return values;
    }

    internal static Dictionary<string, string> ReadLastPlotLine(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        var lines = ReadShared(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.FirstOrDefault(line => line.StartsWith('#'));
        var last = lines.LastOrDefault(line => !line.StartsWith('#'));
        if (header is null || last is null)
        {
            return values;
        }

        var names = header.TrimStart('#').Split(',', StringSplitOptions.TrimEntries);
        var cells = last.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < Math.Min(names.Length, cells.Length); i++)
        {
            values[names[i]] = cells[i];
        }

        return values;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static long ParseLong(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static double ParseDouble(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
