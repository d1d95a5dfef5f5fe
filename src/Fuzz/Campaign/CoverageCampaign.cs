using System.Diagnostics;
using System.Globalization;
using Conformance.Fuzz.Seeds;

namespace Conformance.Fuzz.Campaign;

/// <summary>
/// A bounded AFL++ campaign: prepares bin/ (instrumented copies), seeds and a dictionary, runs one main (-M) and
/// further secondary (-S) afl-fuzz instances over a shared sync dir for <see cref="CampaignOptions.Duration"/>,
/// reports progress about every second, then minimises each crash with afl-tmin and writes a regression test for it.
/// </summary>
public static class CoverageCampaign
{
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(60);

    /// <summary>The command AFL++ runs for a target in a prepared workspace (ends with <c>@@</c>).</summary>
    public static IReadOnlyList<string> TargetCommand(string binDirectory, string target, bool outOfProcess) =>
        [AflTools.DotnetHost(), Path.Combine(binDirectory, FuzzWorkspace.EntryAssembly), outOfProcess ? "afl" : "afl-inprocess", target, "@@"];

    /// <exception cref="FileNotFoundException">afl-fuzz or afl-tmin is not installed (Debian package afl++).</exception>
    public static async Task<CampaignResult> RunAsync(CampaignOptions options, IProgress<CampaignProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var aflFuzz = AflTools.Find(options.AflFuzz) ?? throw new FileNotFoundException($"{options.AflFuzz} not found: install AFL++ (Debian package afl++)");
        var aflTmin = AflTools.Find(options.AflTmin) ?? throw new FileNotFoundException($"{options.AflTmin} not found: install AFL++ (Debian package afl++)");
        var work = Path.GetFullPath(options.WorkDirectory);
        ClearOwnOutput(work, options);

        var bin = Path.Combine(work, "bin");
        var output = Path.Combine(work, "out");
        FuzzWorkspace.Prepare(bin, options);
        var seeds = options.SeedDirectory ?? Path.Combine(work, "seeds");
        if (options.SeedDirectory is null)
        {
            SeedCorpus.WriteTo(options.Target, seeds);
        }

        var dictionary = options.DictionaryPath ?? Path.Combine(work, "dictionary.txt");
        if (options.DictionaryPath is null)
        {
            FuzzDictionary.WriteTo(options.Target, dictionary);
        }

        var command = TargetCommand(bin, options.Target, options.OutOfProcess);
        var names = Enumerable.Range(0, Math.Max(1, options.Instances)).Select(i => i == 0 ? "main" : $"secondary{i}").ToList();
        var instances = new List<BoundedProcess>();
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var name in names)
            {
                string[] arguments =
                [
                    "-i", seeds, "-o", output, name == "main" ? "-M" : "-S", name,
                    "-t", options.TimeoutMilliseconds.ToString(CultureInfo.InvariantCulture),
                    "-x", dictionary,
                    "-V", Math.Max(1, (int)options.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                    "--", .. command,
                ];
                instances.Add(new BoundedProcess(AflTools.StartInfo(aflFuzz, arguments)));
            }

            var deadline = options.Duration + StartupAllowance;
            while (clock.Elapsed < deadline && !cancellationToken.IsCancellationRequested && instances.Any(instance => !instance.HasExited))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
                progress?.Report(Read(output, names, clock.Elapsed));
            }
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }

        var endedEarly = clock.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested;
        var final = Read(output, names, clock.Elapsed);
        progress?.Report(final);
        var crashFiles = names.SelectMany(name => AflStats.IdFiles(Path.Combine(output, name, "crashes"))).ToList();
        var hangFiles = names.SelectMany(name => AflStats.IdFiles(Path.Combine(output, name, "hangs"))).ToList();
        var crashes = await MinimizeAsync(options, aflTmin, command, work, crashFiles, cancellationToken).ConfigureAwait(false);
        var tail = BoundedProcess.Join(instances);
        foreach (var instance in instances)
        {
            instance.Dispose();
        }

        return new CampaignResult(options.Target, final, crashes, hangFiles, work, endedEarly, tail);
    }

    private static CampaignProgress Read(string output, IReadOnlyList<string> names, TimeSpan elapsed) =>
        AflStats.Combine(names.Select(name => AflStats.ReadInstance(Path.Combine(output, name), elapsed)).ToList(), elapsed);

    /// <summary>
    /// A fresh campaign: removes what an earlier campaign wrote in the work folder, never a seed folder, dictionary or
    /// regression-test folder the caller passed in (they may live inside it).
    /// </summary>
    private static void ClearOwnOutput(string work, CampaignOptions options)
    {
        List<string> owned = [Path.Combine(work, "bin"), Path.Combine(work, "out"), Path.Combine(work, "minimized")];
        if (options.SeedDirectory is null)
        {
            owned.Add(Path.Combine(work, "seeds"));
        }

        if (options.RegressionTestDirectory is null)
        {
            owned.Add(Path.Combine(work, "regressions"));
        }

        foreach (var directory in owned.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }

        var dictionary = Path.Combine(work, "dictionary.txt");
        if (options.DictionaryPath is null && File.Exists(dictionary))
        {
            File.Delete(dictionary);
        }
    }

    private static async Task<IReadOnlyList<CrashFinding>> MinimizeAsync(CampaignOptions options, string aflTmin, IReadOnlyList<string> command, string work, IReadOnlyList<string> crashFiles, CancellationToken cancellationToken)
    {
        var findings = new List<CrashFinding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var minimizedDirectory = Path.Combine(work, "minimized");
        Directory.CreateDirectory(minimizedDirectory);
        var regressions = options.RegressionTestDirectory ?? Path.Combine(work, "regressions");
        foreach (var crashFile in crashFiles)
        {
            var input = await File.ReadAllBytesAsync(crashFile, CancellationToken.None).ConfigureAwait(false);
            if (findings.Count >= options.MaxCrashesToMinimize || cancellationToken.IsCancellationRequested)
            {
                findings.Add(new CrashFinding(crashFile, input, null, null));
                continue;
            }

            var minimizedFile = Path.Combine(minimizedDirectory, $"crash-{findings.Count:D3}");
            var minimized = await CrashMinimizer.MinimizeAsync(aflTmin, command, crashFile, minimizedFile, options.TimeoutMilliseconds, options.MinimizeTimeout, cancellationToken).ConfigureAwait(false);
            var reproducer = minimized ?? input;
            string? testFile = null;
            if (seen.Add(Convert.ToHexString(reproducer)))
            {
                testFile = RegressionTestWriter.Write(regressions, options.Target, reproducer, Path.GetFileName(crashFile));
            }

            findings.Add(new CrashFinding(crashFile, input, minimized, testFile));
        }

        return findings;
    }
}
