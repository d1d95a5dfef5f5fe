using System.Globalization;
using System.Text.Json;
using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Fuzzing.Network;
using Conformance.Harness.Reporting;
using Conformance.Harness.Results;

namespace Conformance.Harness.Cli;

/// <summary>
/// <c>wsconform fuzz --mode network</c>: a campaign against a live (optionally supervised) server, its progress, its
/// summary, and the campaign folder (findings/, results.json, index.html, junit.xml, summary.md, campaign.json, sync/);
/// and <c>--replay</c>, which runs finding files against fresh starts of the server.
/// </summary>
public static class NetworkFuzzCommand
{
    /// <summary>Runs a campaign; exit 0 without findings, 1 with, 2 for bad usage, 3 when the target cannot be started or reached, 130 when interrupted.</summary>
    public static async Task<int> RunAsync(NetworkCampaignOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<CaseDefinition> catalogue;
        try
        {
            catalogue = [.. CatalogueSource.Load(null, [], []).Where(c => c.Roles.HasFlag(CaseRoles.Server))];
        }
        catch (CatalogueException exception)
        {
            await error.WriteLineAsync($"wsconform fuzz: {exception.Message}");
            return ExitCodes.UsageError;
        }

        options = options with { Seeds = NetworkSeeds.FromCatalogue(catalogue) };
        Directory.CreateDirectory(options.Directory);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wsconform fuzz --mode network --seed {options.Seed}: {(options.MaxTests == int.MaxValue ? string.Empty : $"up to {options.MaxTests} tests or ")}{options.Duration.TotalSeconds:0} s{(options.MaxFindings > 0 ? $" or {options.MaxFindings} finding(s)" : string.Empty)}, {options.Jobs} worker(s), {options.Seeds.Count} seeds from the catalogue{(options.Tokens.Count > 0 ? $", {options.Tokens.Count} dictionary tokens" : string.Empty)}"));
        await output.WriteLineAsync(options.Exec is null
            ? $"  target {options.Target} (not supervised: liveness and stuck connections only; --exec \"COMMAND {{port}}\" to start and watch the server)"
            : $"  target {options.Target}, started with: {options.Exec}");
        await output.WriteLineAsync($"  campaign folder {options.Directory}{(options.Coverage ? "; coverage feedback from the server's edge map" : string.Empty)}");
        var lastLine = TimeSpan.Zero;
        var progress = new Progress<NetworkCampaignProgress>(p =>
        {
            if (p.Elapsed - lastLine >= TimeSpan.FromSeconds(5))
            {
                lastLine = p.Elapsed;
                output.WriteLine($"  {p}");
            }
        });
        var campaign = new NetworkCampaign(options);
        var result = await campaign.RunAsync(progress, cancellationToken);
        await WriteReportsAsync(options, result);
        var final = result.Final;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{final.Tests} tests in {final.Elapsed.TotalSeconds:0.0} s ({final.TestsPerSecond:0} tests/s), {result.Findings.Count} distinct findings, {final.Restarts} restarts, corpus {final.Corpus}{(final.Edges is { } edges ? $", {edges} edges" : string.Empty)}{(result.StoppedByDuration ? " (stopped at --duration)" : string.Empty)}"));
        foreach (var finding in result.Findings)
        {
            await output.WriteLineAsync($"  {finding.Kind.Slug()}: {finding.Signature}");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"    test {finding.Test} after {finding.FoundAfter.TotalSeconds:0.0} s ({finding.Hits} hit(s)); minimised from {finding.Found.Frames.Count} frames/{finding.Found.Size} bytes to {finding.Minimised.Frames.Count}/{finding.Minimised.Size} in {finding.MinimiseRuns} runs; {(finding.Reproduced switch { true => "reproduced from the file against a fresh start", false => "NOT reproduced against a fresh start", null => "not replayed" })}"));
            await output.WriteLineAsync($"    {finding.Path}");
        }

        foreach (var aside in result.Unconfirmed)
        {
            await output.WriteLineAsync($"  unconfirmed {aside.Kind.Slug()} (did not happen again against a fresh start; not a finding): {aside.Path}");
        }

        await output.WriteLineAsync($"report: {Path.Combine(options.Directory, ReportSet.HtmlFile)}");
        if (result.Findings.Count > 0)
        {
            await output.WriteLineAsync($"replay: wsconform run --target URL --cases-dir {campaign.FindingsDirectory}" + (options.Exec is null ? string.Empty : $"  or  wsconform fuzz --mode network --replay {campaign.FindingsDirectory} --exec \"{options.Exec}\""));
        }

        if (result.Error is { } problem)
        {
            await error.WriteLineAsync($"wsconform fuzz: {problem}");
            if (final.Tests == 0)
            {
                return ExitCodes.TargetUnreachable;
            }
        }

        return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : result.Findings.Count > 0 ? ExitCodes.CasesFailed : ExitCodes.Success;
    }

    /// <summary>
    /// Replays finding files against fresh starts of the server; exit 1 when any still shows its fault (a regression
    /// check: 0 means every one is fixed), 2 when there is nothing to replay or no --exec.
    /// </summary>
    public static async Task<int> ReplayAsync(string path, NetworkCampaignOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (options.Exec is null)
        {
            await error.WriteLineAsync("wsconform fuzz --replay needs --exec \"COMMAND {port}\" (a fresh start per finding); without it, replay with wsconform run --target URL --cases-dir FOLDER");
            return ExitCodes.UsageError;
        }

        IReadOnlyList<(CaseDefinition Definition, string Signature)> findings;
        try
        {
            var files = File.Exists(path) ? [path] : Directory.Exists(path) ? CaseLoader.FindCaseFiles(path) : throw new FileNotFoundException($"{path} is neither a finding file nor a folder of them");
            findings = [.. files.SelectMany(file => CaseLoader.LoadFile(file).Select(definition => (definition, SignatureOf(file))))];
        }
        catch (Exception exception) when (exception is CaseFileException or IOException)
        {
            await error.WriteLineAsync($"wsconform fuzz --replay: {exception.Message}");
            return ExitCodes.UsageError;
        }

        var still = 0;
        foreach (var (definition, signature) in findings)
        {
            var kind = KindOf(definition.Id);
            var verdict = await ReplayOneAsync(definition, new TestVerdict(kind, signature, null, string.Empty), options, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }

            still += verdict is null ? 0 : 1;
            await output.WriteLineAsync($"{definition.Id}: {verdict ?? "fixed: the server survives it"}");
        }

        await output.WriteLineAsync($"{still} of {findings.Count} findings still reproduce");
        return still > 0 ? ExitCodes.CasesFailed : ExitCodes.Success;
    }

    private static async Task<string?> ReplayOneAsync(CaseDefinition definition, TestVerdict wanted, NetworkCampaignOptions options, CancellationToken cancellationToken)
    {
        await using var worker = new NetworkWorker(options, 0, null);
        try
        {
            var (reproduced, _, verdict) = await worker.ReproduceAsync(definition, wanted, cancellationToken);
            return reproduced
                ? $"reproduced: {verdict.Kind?.Slug()}{(verdict.Exit is { } exit ? $" ({exit})" : string.Empty)}{(wanted.Kind == FindingKind.Crash ? $": {verdict.Signature}" : string.Empty)}"
                : null;
        }
        catch (Fuzzing.Network.Supervision.TargetStartException exception)
        {
            return $"the server did not start: {exception.Message}";
        }
    }

    /// <summary>The kind a finding id names (fuzz.KIND-hash).</summary>
    private static FindingKind KindOf(string id)
    {
        var slug = id.Split('.').ElementAtOrDefault(1)?.Split('-')[0];
        return Enum.GetValues<FindingKind>().FirstOrDefault(kind => kind.Slug() == slug, FindingKind.Crash);
    }

    /// <summary>The signature a finding file records in its comments.</summary>
    private static string SignatureOf(string file) =>
        File.ReadLines(file).Where(line => line.StartsWith("# signature: ", StringComparison.Ordinal)).Select(line => line["# signature: ".Length..]).FirstOrDefault() ?? string.Empty;

    private static async Task WriteReportsAsync(NetworkCampaignOptions options, NetworkCampaignResult result)
    {
        var records = new List<CaseRecord>();
        foreach (var finding in result.Findings.Where(f => f.Replay is not null && f.Path is not null))
        {
            var definition = CaseLoader.LoadFile(finding.Path!).Single();
            records.Add(ResultsMapper.ToRecord(definition, finding.Replay!));
        }

        var document = new ResultsDocument
        {
            Tool = ToolInfo.Current,
            StartedAt = DateTimeOffset.Now - result.Final.Elapsed,
            FinishedAt = DateTimeOffset.Now,
            Complete = true,
            Targets = [new TargetResults(options.Exec ?? options.Target, "wsconform fuzz --mode network", records)],
        };
        new ResultsFile(Path.Combine(options.Directory, "results.json")).Write(document);
        await ReportSet.WriteAsync([document], options.Directory);
        var campaign = new
        {
            target = options.Target,
            exec = options.Exec,
            seed = options.Seed,
            jobs = options.Jobs,
            coverage = options.Coverage,
            feedback = options.EffectiveFeedback.ToString().ToLowerInvariant(),
            dictionaryTokens = options.Tokens.Count,
            durationSeconds = Math.Round(result.Final.Elapsed.TotalSeconds, 1),
            tests = result.Final.Tests,
            testsPerSecond = Math.Round(result.Final.TestsPerSecond, 1),
            restarts = result.Final.Restarts,
            corpus = result.Final.Corpus,
            answerShapes = result.Final.Shapes,
            edges = result.Final.Edges,
            error = result.Error,
            unconfirmed = result.Unconfirmed.Select(f => new { id = f.Id, kind = f.Kind.Slug(), test = f.Test, file = f.Path is null ? null : Path.GetRelativePath(options.Directory, f.Path) }),
            timeline = result.Timeline.Select(p => new { seconds = Math.Round(p.Elapsed.TotalSeconds, 1), tests = p.Tests, findings = p.Findings, restarts = p.Restarts, corpus = p.Corpus, edges = p.Edges }),
            findings = result.Findings.Select(f => new
            {
                id = f.Id,
                kind = f.Kind.Slug(),
                signature = f.Signature,
                test = f.Test,
                foundAfterSeconds = Math.Round(f.FoundAfter.TotalSeconds, 1),
                worker = f.Worker,
                hits = f.Hits,
                exit = f.Exit,
                reproduced = f.Reproduced,
                minimiseRuns = f.MinimiseRuns,
                found = new { frames = f.Found.Frames.Count, size = f.Found.Size },
                minimised = new { frames = f.Minimised.Frames.Count, size = f.Minimised.Size },
                file = f.Path is null ? null : Path.GetRelativePath(options.Directory, f.Path),
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(options.Directory, "campaign.json"), JsonSerializer.Serialize(campaign, CampaignJson));
    }

    private static readonly JsonSerializerOptions CampaignJson = new() { WriteIndented = true };
}
