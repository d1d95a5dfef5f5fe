using System.CommandLine;
using System.Text.Json;
using Conformance.Harness.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Interop.Tests.Bench;

/// <summary>
/// <c>wsconform bench</c> for real: the reference server (its own process), Kestrel, npm ws and python websockets under
/// the same short load, every echo checked; then connection capacity; and the npm ws load client used for comparison.
/// Bounded by count and a one-second measurement; no figure is asserted, only that the load was correct and complete.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class BenchAgainstPeersTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Four_servers_echo_every_message_correctly_under_the_same_load_and_the_report_compares_them()
    {
        await using var ws = await Peers.StartNodeWsServerAsync(CancellationToken.None);
        await using var websockets = await Peers.StartPythonWebsocketsServerAsync(CancellationToken.None);
        await using var kestrel = await StartKestrelAsync();
        var folder = Directory.CreateTempSubdirectory("wsconform-bench-").FullName;

        var (code, text) = await WsconformAsync(
            "bench", "--compare", $"kestrel={Peers.Endpoint(kestrel)}", "--compare", $"ws={Peers.Endpoint(ws)}", "--compare", $"websockets={Peers.Endpoint(websockets)}",
            "--connections", "4", "--size", "32,64KiB", "--duration", "1s", "--warmup", "0", "--report-dir", folder);
        output.WriteLine(text);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "bench.json")));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(8, results.Count);
        Assert.Equal(["kestrel", "reference", "websockets", "ws"], results.Select(r => r.GetProperty("name").GetString()!).Distinct().Order().ToArray());
        foreach (var result in results)
        {
            var name = result.GetProperty("name").GetString();
            Assert.True(result.GetProperty("messagesPerSecond").GetDouble() > 0, $"{name}: no echoes");
            Assert.Equal(0, result.GetProperty("wrongEchoes").GetInt64());
            Assert.Equal(0, result.GetProperty("errors").GetInt64());
            Assert.Equal(4, result.GetProperty("connectionsHeld").GetInt32());
            Assert.True(result.GetProperty("latencyMs").GetProperty("p99").GetDouble() > 0);
        }

        var html = await File.ReadAllTextAsync(Path.Combine(folder, "bench.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_server_holds_every_idle_connection_of_a_small_ramp()
    {
        await using var ws = await Peers.StartNodeWsServerAsync(CancellationToken.None);
        await using var websockets = await Peers.StartPythonWebsocketsServerAsync(CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("wsconform-hold-").FullName;

        var (code, text) = await WsconformAsync(
            "bench", "--compare", $"ws={Peers.Endpoint(ws)}", "--compare", $"websockets={Peers.Endpoint(websockets)}",
            "--hold", "500", "--handshake-rate", "1000", "--hold-for", "1s", "--report-dir", folder);
        output.WriteLine(text);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "bench.json")));
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(500, result.GetProperty("connectionsHeld").GetInt32());
        }
    }

    [Fact]
    public async Task The_npm_ws_load_client_checks_its_echoes_against_the_reference_server()
    {
        await using var server = await Conformance.ReferenceImpl.Transport.ReferenceServer.StartAsync(new() { Listen = new Uri("ws://127.0.0.1:0/") }, null, CancellationToken.None);

        var run = await PeerProcess.RunToCompletionAsync(
            PeerLocator.Node, [PeerLocator.PeerFile("node_ws_bench_client.js"), server.Endpoint.AbsoluteUri, "--connections", "2", "--size", "32", "--duration", "1", "--warmup", "0"],
            PeerLocator.PeersDirectory, Peers.ClientTimeout, CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.LastOutputLine);
        Assert.True(json.RootElement.GetProperty("messagesPerSecond").GetDouble() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("wrongEchoes").GetInt32());
    }

    private static Task<PeerProcess> StartKestrelAsync() => PeerProcess.StartServerAsync(
        "dotnet", [Path.Combine(AppContext.BaseDirectory, "Conformance.KestrelEchoServer.dll"), "0"], AppContext.BaseDirectory, Peers.ServerReadyTimeout, CancellationToken.None);

    private static async Task<(int Code, string Output)> WsconformAsync(params string[] args)
    {
        var root = new RootCommand { BenchCommand.Create() };
        using var writer = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer }, cts.Token);
        return (code, writer.ToString());
    }
}
