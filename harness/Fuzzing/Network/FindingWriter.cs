using System.Globalization;
using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Fuzzing.Network.Supervision;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// Writes a finding: <c>findings/&lt;id&gt;.yaml</c> (a survival case with what was found in its comments) and
/// <c>findings/&lt;id&gt;.stderr.txt</c>, then loads that file back and replays it against a freshly started server: the
/// judged replay, with the server's exit and stderr beside it, is what the campaign's report shows.
/// </summary>
internal static class FindingWriter
{
    /// <summary>Writes the finding; <paramref name="seen"/> (the test as the campaign saw it) is the report's evidence when the file cannot be replayed against a fresh start (no --exec).</summary>
    public static async Task<NetworkFinding> WriteAsync(NetworkFinding finding, NetworkCampaignOptions options, string directory, NetworkWorker worker, NetworkTestOutcome? seen, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, finding.Id + ".yaml");
        var stderrPath = Path.Combine(directory, finding.Id + ".stderr.txt");
        await File.WriteAllTextAsync(path, Yaml(finding, options, reproduced: null), CancellationToken.None);
        await File.WriteAllTextAsync(stderrPath, finding.Stderr, CancellationToken.None);

        bool? reproduced = null;
        CaseResult? replay = null;
        if (worker.Supervised && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Exactly what `wsconform run --cases-dir findings/` reads.
                var definition = CaseLoader.LoadFile(path).Single();
                var wanted = new TestVerdict(finding.Kind, finding.Signature, finding.Exit, finding.Stderr);
                var (again, outcome, verdict) = await worker.ReproduceAsync(definition, wanted, cancellationToken);
                reproduced = again;
                if (outcome is not null)
                {
                    replay = Judged(definition, outcome.Observation, finding, again, verdict);
                }

                if (again && verdict.Stderr.Length > 0)
                {
                    await File.WriteAllTextAsync(stderrPath, $"{finding.Stderr}\n--- the replay of {finding.Id}.yaml against a fresh start ---\n{verdict.Stderr}", CancellationToken.None);
                }
            }
            catch (Exception exception) when (exception is TargetStartException or OperationCanceledException or CaseFileException)
            {
                reproduced = exception is OperationCanceledException ? null : false;
            }

            await File.WriteAllTextAsync(path, Yaml(finding, options, reproduced), CancellationToken.None);
        }
        else if (seen is not null)
        {
            replay = Judged(CaseLoader.LoadFile(path).Single(), seen.Observation, finding, reproduced: false, new TestVerdict(finding.Kind, finding.Signature, finding.Exit, finding.Stderr));
        }

        return finding with { Path = path, Reproduced = reproduced, Replay = replay };
    }

    /// <summary>Moves a finding's files (yaml, stderr) to <paramref name="directory"/>; returns the yaml's new path.</summary>
    public static string SetAside(string path, string directory)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, Path.GetFileName(path));
        File.Move(path, target, overwrite: true);
        var stderr = Path.ChangeExtension(path, ".stderr.txt");
        if (File.Exists(stderr))
        {
            File.Move(stderr, Path.Combine(directory, Path.GetFileName(stderr)), overwrite: true);
        }

        return target;
    }

    /// <summary>The replay judged for the report: the survival verdict, or the leak as measured, with the server's exit and stderr.</summary>
    private static CaseResult Judged(CaseDefinition definition, Observation observation, NetworkFinding finding, bool reproduced, TestVerdict verdict)
    {
        var stderr = TargetProcess.TailLines(verdict.Stderr.Length > 0 ? verdict.Stderr : finding.Stderr, 20);
        var wire = observation.Wire.ToList();
        var at = wire.LastOrDefault()?.AtMs ?? 0;
        if (stderr.Trim().Length > 0)
        {
            wire.Add(new NoteEntry($"the server's stderr (last lines):\n{stderr}") { Index = wire.Count, AtMs = at });
        }

        var result = SurvivalJudge.Judge(definition, observation with { Wire = wire });
        var exit = verdict.Exit ?? finding.Exit;
        if (finding.Kind == FindingKind.Leak && reproduced)
        {
            return result with { Verdict = Verdict.Failed, CloseVerdict = CloseVerdict.Failed, Reason = $"RFC 6455 10.4: {exit} against a fresh start (a leak)" };
        }

        return finding.Kind == FindingKind.Crash && exit is not null ? result with { Reason = $"{result.Reason}; the server ended with {exit}" } : result;
    }

    private static string Yaml(NetworkFinding finding, NetworkCampaignOptions options, bool? reproduced)
    {
        var comments = new List<string>
        {
            $"wsconform fuzz --mode network: {finding.Kind.Slug()} found by test {finding.Test} (worker {finding.Worker}, seed {options.Seed}) after {finding.FoundAfter.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
            $"signature: {finding.Signature}",
        };
        if (finding.Exit is not null)
        {
            comments.Add($"the server: {finding.Exit}");
        }

        comments.Add($"minimised from {finding.Found.Frames.Count} frames / {finding.Found.Size} bytes to {finding.Minimised.Frames.Count} frames / {finding.Minimised.Size} bytes in {finding.MinimiseRuns} runs against fresh starts");
        comments.Add(reproduced switch
        {
            true => "reproduced by this file against a fresh start of the server",
            false => "NOT reproduced by this file against a fresh start (it may need the tests before it)",
            null => "not replayed against a fresh start (no --exec)",
        });
        comments.Add($"target: {(options.Exec is null ? options.Target : $"{options.Exec} ({options.Target})")}; stderr: {finding.Id}.stderr.txt");
        comments.Add(finding.Kind == FindingKind.Leak
            ? "replay: wsconform fuzz --mode network --replay THIS_FOLDER --exec \"...\" (measures memory); wsconform run --cases-dir THIS_FOLDER checks survival"
            : "replay: wsconform run --target URL --cases-dir THIS_FOLDER, or wsconform fuzz --mode network --replay THIS_FOLDER --exec \"...\"");
        return NetworkCaseFile.Write(finding.Id, finding.Minimised, finding.Kind, options.AnswerWithin, comments);
    }
}
