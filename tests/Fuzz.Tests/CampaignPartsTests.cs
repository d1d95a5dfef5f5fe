using Conformance.Fuzz.Campaign;

namespace Conformance.Fuzz.Tests;

public sealed class CampaignPartsTests
{
    [Fact]
    public void Progress_is_read_from_fuzzer_stats_plot_data_and_the_finding_folders()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "fuzzer_stats"), "execs_done        : 1000\nrun_time          : 4\ncorpus_count      : 12\nedges_found       : 341\nbitmap_cvg        : 0.52%\n");
        File.WriteAllText(Path.Combine(temp.Path, "plot_data"), "# relative_time, cycles_done, cur_item, corpus_count, pending_total, pending_favs, map_size, saved_crashes, saved_hangs, max_depth, execs_per_sec, total_execs, edges_found\n5, 0, 1, 20, 3, 1, 0.60%, 1, 0, 2, 16000.25, 90000, 400\n");
        Directory.CreateDirectory(Path.Combine(temp.Path, "crashes"));
        File.WriteAllText(Path.Combine(temp.Path, "crashes", "id:000000,sig:06"), "x");
        File.WriteAllText(Path.Combine(temp.Path, "crashes", "README.txt"), "not a finding");

        var progress = AflStats.ReadInstance(temp.Path, TimeSpan.FromSeconds(5));

        Assert.Equal(90000, progress.Execs);
        Assert.Equal(250, progress.ExecsPerSecond);
        Assert.Equal(20, progress.CorpusCount);
        Assert.Equal(400, progress.EdgesFound);
        Assert.Equal(0.60, progress.BitmapCoverage);
        Assert.Equal(1, progress.Crashes);
        Assert.Equal(0, progress.Hangs);
    }

    [Fact]
    public void A_regression_test_feeds_the_exact_bytes_to_the_target()
    {
        var builtIn = RegressionTestWriter.Source("frames", [0x81, 0x7f], "id:000000");
        Assert.Contains("Convert.FromHexString(\"817F\")", builtIn, StringComparison.Ordinal);
        Assert.Contains("TargetResolver.Resolve(\"frames\")(input);", builtIn, StringComparison.Ordinal);
        Assert.Contains("[Fact]", builtIn, StringComparison.Ordinal);

        var own = RegressionTestWriter.Source("My.Assembly:My.Namespace.Parser.Fuzz", "BUG!"u8, "id:000001");
        Assert.Contains("global::My.Namespace.Parser.Fuzz(input);", own, StringComparison.Ordinal);
        Assert.Contains("class FuzzRegression_Fuzz_", own, StringComparison.Ordinal);
    }
}
