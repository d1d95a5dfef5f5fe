using System.Text;
using Conformance.Fuzz.Campaign;

namespace Conformance.Fuzz.Tests;

[Collection(CoverageMapCollection.Name)]
public sealed class CampaignTests
{
    [Fact]
    public async Task A_bounded_campaign_finds_the_planted_bug_minimises_it_and_survives_the_planted_hang()
    {
        if (!AflRequirement.IsMet())
        {
            return;
        }

        using var temp = new TempDirectory();
        var options = new CampaignOptions
        {
            Target = "Conformance.Fuzz.Sample:Conformance.Fuzz.Sample.TinyRecordParser.Fuzz",
            WorkDirectory = Path.Combine(temp.Path, "work"),
            InstrumentAssemblies = ["Conformance.Fuzz.Sample"],
            IncludePrefixes = ["Conformance.Fuzz.Sample"],
            // Alone, AFL++ finds the planted bug in seconds; in the full suite (four test assemblies on 2 cores) 40 s was not always enough.
            Duration = TimeSpan.FromSeconds(75),
            TimeoutMilliseconds = 300,
            MaxCrashesToMinimize = 2,
            MinimizeTimeout = TimeSpan.FromSeconds(30),
        };
        var reports = new List<CampaignProgress>();
        var result = await CoverageCampaign.RunAsync(options, new SynchronousProgress(reports), CancellationToken.None);

        Assert.False(result.AflEndedEarly, result.AflOutputTail);
        Assert.NotEmpty(result.Crashes);
        Assert.Contains(result.Crashes, crash => crash.Minimized is { } minimized && Encoding.ASCII.GetString(minimized) == "BUG!");
        var test = result.Crashes.First(crash => crash.RegressionTestFile is not null).RegressionTestFile!;
        Assert.Contains("Conformance.Fuzz.Sample.TinyRecordParser.Fuzz(input);", File.ReadAllText(test), StringComparison.Ordinal);

        // The hang was saved and AFL++ went on to its time limit: the supervisor restarted the killed worker.
        Assert.NotEmpty(result.HangFiles);
        Assert.True(result.Final.Hangs >= 1);
        Assert.True(result.Final.Execs > 10_000, $"{result.Final.Execs} execs");
        Assert.True(result.Final.EdgesFound > 5, $"{result.Final.EdgesFound} edges");
        Assert.NotEmpty(reports);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this keeps reports in order for the assertions.</summary>
    private sealed class SynchronousProgress(List<CampaignProgress> reports) : IProgress<CampaignProgress>
    {
        public void Report(CampaignProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
