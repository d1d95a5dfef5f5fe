using System.CommandLine;
using System.Text.Json;
using Conformance.Harness.Cli;
using Conformance.Harness.Fuzzing.Network.Supervision;
using Conformance.Harness.Running;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Interop.Tests.Fuzzing;

/// <summary>
/// <c>wsconform fuzz --mode network</c> for real: against servers that crash, hang, leak or keep connections only on one
/// deep input each (found, minimised, replayed from the file against a fresh start), and against conformant third-party
/// servers (no finding at all).
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class NetworkModeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("traceback", "crash", "FragmentStateError")]
    [InlineData("blocked", "hang", "")]
    [InlineData("segv", "crash", "signal 11 (SIGSEGV)")]
    [InlineData("leak", "leak", "")]
    [InlineData("exit", "crash", "exit code 3")]
    [InlineData("stuck", "stuck", "")]
    public async Task A_faulty_server_is_caught_minimised_and_replayed_from_the_finding_file(string server, string kind, string signature)
    {
        using var temp = new TempFolder();
        var command = FuzzTargetServers.Command(server);
        var (code, text) = await WsconformAsync(
            "fuzz", "--mode", "network", "--target", "ws://127.0.0.1:{port}/", "--exec", command, "--seed", "7", "--duration", "240s",
            "--max-findings", "1", "--leak-mb", "64", "--answer-within", "1s", "--report-dir", temp.Path);
        output.WriteLine(text);
        Assert.Equal(ExitCodes.CasesFailed, code);

        using var campaign = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "campaign.json")));
        var finding = campaign.RootElement.GetProperty("findings")[0];
        Assert.Equal(kind, finding.GetProperty("kind").GetString());
        Assert.Contains(signature, finding.GetProperty("signature").GetString(), StringComparison.Ordinal);
        Assert.True(finding.GetProperty("reproduced").GetBoolean(), "the finding file did not reproduce against a fresh start");
        Assert.True(finding.GetProperty("minimised").GetProperty("size").GetInt32() <= finding.GetProperty("found").GetProperty("size").GetInt32());

        // The report shows it: results.json (and index.html) hold the finding's replay, FAILED.
        var results = await File.ReadAllTextAsync(Path.Combine(temp.Path, "results.json"));
        // A stuck connection breaks a SHOULD (RFC 6455 7.1.1): NON-STRICT; the others a MUST.
        Assert.Contains(kind == "stuck" ? "\"verdict\": \"NON-STRICT\"" : "\"verdict\": \"FAILED\"", results, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "index.html")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(temp.Path, "sync"), "id:*", SearchOption.AllDirectories));

        // The finding file replays against a fresh start: through the campaign's own supervision...
        var findings = Path.Combine(temp.Path, "findings");
        var (replayCode, replayText) = await WsconformAsync("fuzz", "--mode", "network", "--replay", findings, "--target", "ws://127.0.0.1:{port}/", "--exec", command, "--leak-mb", "64", "--answer-within", "1s");
        output.WriteLine(replayText);
        Assert.Equal(ExitCodes.CasesFailed, replayCode);
        Assert.Contains("1 of 1 findings still reproduce", replayText, StringComparison.Ordinal);

        // ...and as an ordinary case with `wsconform run --cases-dir findings/`, which sees what the wire shows (memory it cannot).
        if (kind != "leak")
        {
            var port = TargetProcess.FreePort();
            var url = new Uri($"ws://127.0.0.1:{port}/");
            await using var fresh = await TargetProcess.StartAsync(command, port, new Dictionary<string, string>(), new CaseRunner(new RunOptions { Target = url }), TimeSpan.FromSeconds(30), CancellationToken.None);
            var report = Path.Combine(temp.Path, "replay");
            // A stuck connection breaks a SHOULD (RFC 6455 7.1.1): NON-STRICT, so the gate is set to fail on it.
            var (runCode, runText) = await WsconformAsync("run", "--target", url.AbsoluteUri, "--cases-dir", findings, "--report-dir", report, "--fail-on", "non-strict");
            output.WriteLine(runText);
            Assert.Equal(ExitCodes.CasesFailed, runCode);
            Assert.Contains(kind == "stuck" ? "RFC 6455 7.1.1" : "RFC 6455 7.1.7, 10.4", await File.ReadAllTextAsync(Path.Combine(report, "results.json")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Two_workers_each_supervise_their_own_server_and_share_one_corpus_folder()
    {
        using var temp = new TempFolder();
        var (code, text) = await WsconformAsync(
            "fuzz", "--mode", "network", "--exec", FuzzTargetServers.Command("exit"), "--jobs", "2", "--seed", "3", "--duration", "120s",
            "--max-findings", "1", "--report-dir", temp.Path);
        output.WriteLine(text);
        Assert.Equal(ExitCodes.CasesFailed, code);
        Assert.Contains("exit code 3", text, StringComparison.Ordinal);

        // AFL++'s layout: one folder per worker, each with its queue; the finding under crashes/ of the worker that found it.
        var workers = Directory.GetDirectories(Path.Combine(temp.Path, "sync")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, workers.Count);
        Assert.All(workers, worker => Assert.EndsWith(worker == workers[0] ? "-w0" : "-w1", worker, StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(Path.Combine(temp.Path, "sync"), "*finding:*", SearchOption.AllDirectories));
    }

    public static TheoryData<string> ConformantServers => new() { "reference", "python-websockets", "node-ws", "kestrel" };

    [Theory]
    [MemberData(nameof(ConformantServers))]
    public async Task A_conformant_server_gets_no_finding_in_a_bounded_campaign(string server)
    {
        using var temp = new TempFolder();
        string[] target = server switch
        {
            "reference" => [], // no --target: the reference server, supervised
            "python-websockets" => ["--target", "ws://127.0.0.1:{port}/", "--exec", $"{PeerLocator.Python} {PeerLocator.PeerFile("py_websockets_server.py")} {{port}}"],
            "node-ws" => ["--target", "ws://127.0.0.1:{port}/", "--exec", $"{PeerLocator.Node} {PeerLocator.PeerFile("node_ws_server.js")} {{port}}"],
            _ => ["--target", "ws://127.0.0.1:{port}/", "--exec", $"dotnet {Path.Combine(AppContext.BaseDirectory, "Conformance.KestrelEchoServer.dll")} {{port}}"],
        };
        // Bounded by a number of tests, not by time: the same campaign on a fast or a loaded machine.
        var (code, text) = await WsconformAsync(["fuzz", "--mode", "network", .. target, "--seed", "11", "--max-tests", "3000", "--duration", "10m", "--report-dir", temp.Path]);
        output.WriteLine(text);
        Assert.True(code == ExitCodes.Success, text);
        using var campaign = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "campaign.json")));
        Assert.Equal(0, campaign.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(3000, campaign.RootElement.GetProperty("tests").GetInt64());
    }

    [Fact]
    public async Task Coverage_feedback_reads_the_edges_of_an_instrumented_dotnet_server_and_keeps_what_reaches_new_ones()
    {
        // The reference server's own build, its protocol assembly instrumented for AFL edge coverage.
        using var temp = new TempFolder();
        var server = Path.Combine(temp.Path, "server");
        CopyDirectory(Path.Combine(PeerLocator.RepoRoot, "harness", "bin", "Release", "net10.0"), server);

        // The protocol core, not the socket layer: I/O code takes other paths with timing alone, and feedback would chase that.
        string[] protocol = [.. new[] { "Framing", "Handshake", "Extensions", "Protocol", "Receiving" }.SelectMany(area => new[] { "--include", $"Conformance.ReferenceImpl.{area}" })];
        var (instrumented, instrumentText) = await WsconformAsync(["fuzz", "instrument", Path.Combine(server, "Conformance.ReferenceImpl.dll"), .. protocol]);
        Assert.True(instrumented == ExitCodes.Success, instrumentText);
        var exec = $"dotnet {Path.Combine(server, "wsconform.dll")} serve --listen ws://127.0.0.1:{{port}}/ --log-level Warning";

        var folder = Path.Combine(temp.Path, "campaign");
        var (code, text) = await WsconformAsync("fuzz", "--mode", "network", "--target", "ws://127.0.0.1:{port}/", "--exec", exec, "--coverage", "--seed", "5", "--max-tests", "3000", "--duration", "5m", "--report-dir", folder);
        output.WriteLine(text);
        Assert.True(code == ExitCodes.Success, text);
        using var campaign = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "campaign.json")));
        var edges = campaign.RootElement.GetProperty("edges").GetInt64();
        var timeline = campaign.RootElement.GetProperty("timeline").EnumerateArray().Select(point => point.GetProperty("edges").GetInt64()).ToList();

        // The server's map reached the campaign (its protocol core has about 3,400 blocks), grew as tests went on, and
        // the inputs that reached new edges were kept (in the sync folder's queue, as AFL++ names them).
        Assert.InRange(edges, 1000, 65536);
        Assert.True(timeline[^1] > timeline[0], string.Join(", ", timeline));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "sync"), "*op:edges", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Coverage_feedback_reaches_more_of_an_application_servers_code_than_mutating_the_seeds_alone()
    {
        // A Redis-like store over WebSocket (tests/KvServer), its command code instrumented: code behind AUTH, MULTI and
        // the rest that no WebSocket seed reaches. Both campaigns get its dictionary and the same number of tests; only
        // what keeps a test differs: new edges (AFLNet's idea) or nothing (the seeds mutated, the corpus never grows).
        using var temp = new TempFolder();
        var server = Path.Combine(temp.Path, "server");
        Directory.CreateDirectory(server);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Conformance.KvServer.*").Append(Path.Combine(AppContext.BaseDirectory, "kv.dict")))
        {
            File.Copy(file, Path.Combine(server, Path.GetFileName(file)));
        }

        var (instrumented, instrumentText) = await WsconformAsync("fuzz", "instrument", Path.Combine(server, "Conformance.KvServer.dll"), "--include", "Conformance.KvServer.Kv");
        Assert.True(instrumented == ExitCodes.Success, instrumentText);
        var exec = $"dotnet {Path.Combine(server, "Conformance.KvServer.dll")} {{port}}";

        async Task<long> EdgesAsync(string feedback, string seed)
        {
            var folder = Path.Combine(temp.Path, $"{feedback}-{seed}");
            var (code, text) = await WsconformAsync(
                "fuzz", "--mode", "network", "--target", "ws://127.0.0.1:{port}/", "--exec", exec, "--coverage", "--feedback", feedback,
                "--dictionary", Path.Combine(server, "kv.dict"), "--seed", seed, "--max-tests", "30000", "--duration", "8m", "--report-dir", folder);
            output.WriteLine(text);
            Assert.True(code == ExitCodes.Success, text);
            using var campaign = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "campaign.json")));
            Assert.Equal(30000, campaign.RootElement.GetProperty("tests").GetInt64());
            return campaign.RootElement.GetProperty("edges").GetInt64();
        }

        string[] seeds = ["1", "2", "3"];
        var withFeedback = new List<long>();
        var without = new List<long>();
        foreach (var seed in seeds)
        {
            withFeedback.Add(await EdgesAsync("edges", seed));
            without.Add(await EdgesAsync("none", seed));
        }

        var summary = $"edges with feedback {string.Join(", ", withFeedback)} (mean {withFeedback.Average():0.0}); without {string.Join(", ", without)} (mean {without.Average():0.0})";
        output.WriteLine(summary);

        // Over the same seeds and the same number of tests, feedback reaches more of the server's code.
        Assert.True(withFeedback.Average() > without.Average(), summary);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<(int Code, string Output)> WsconformAsync(params string[] args)
    {
        var root = new RootCommand { FuzzCommand.Create(), RunCommand.Create() };
        using var writer = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer }, cts.Token);
        return (code, writer.ToString());
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("wsconform-network-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
