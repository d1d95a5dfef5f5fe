using Conformance.ClientDriver;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Cli;
using Conformance.Harness.Results;
using Conformance.Harness.Running;
using Conformance.Harness.Serving;
using Conformance.Harness.Tests.Cases;
using Xunit;

namespace Conformance.Harness.Tests.ClientTesting;

/// <summary>
/// Clients that break exactly one rule each, on real sockets against the harness as the server: the case about that rule
/// is FAILED citing its section. The reference client, which breaks none, gets no FAILED.
/// </summary>
public class BrokenClientTests
{
    [Theory]
    [InlineData(ClientFault.UnmaskedFrames, "framing.text.length-125", "RFC 6455 5.1")]
    [InlineData(ClientFault.ZeroMaskKey, "pings.ten-pings", "RFC 6455 5.3")]
    [InlineData(ClientFault.RepeatedMaskKey, "pings.ten-pings", "RFC 6455 5.3")]
    [InlineData(ClientFault.AcceptsMaskedFrames, "framing.masked-server-text", "RFC 6455 5.1")]
    [InlineData(ClientFault.AcceptsBadAccept, "handshake.response-accept-wrong", "RFC 6455 4.1")]
    [InlineData(ClientFault.EchoesInvalidUtf8, "utf8.invalid-text", "RFC 6455 8.1")]
    public async Task A_client_that_breaks_one_rule_fails_the_case_about_it_citing_the_section(ClientFault fault, string caseId, string section)
    {
        var target = await ClientTestingRig.RunAsync([caseId], $"broken-{fault}", (url, token) => BrokenEchoClient.EchoAsync(url, fault, token));
        var record = Assert.Single(target.Cases);
        Assert.Equal(Verdict.Failed, record.Verdict);
        Assert.Contains(section, record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_skips_the_accept_check_passes_the_cases_that_do_not_test_it()
    {
        // One rule broken, not all: the same client echoes, pings and closes as the reference does.
        var target = await ClientTestingRig.RunAsync(["framing.text.*", "pings.*", "close.close-codes-valid.*"], "broken-accept", (url, token) => BrokenEchoClient.EchoAsync(url, ClientFault.AcceptsBadAccept, token));
        Assert.DoesNotContain(target.Cases, c => c.Verdict == Verdict.Failed);
    }

    [Fact]
    public async Task The_reference_client_gets_no_FAILED_in_any_case_for_clients_but_compression()
    {
        var target = await ClientTestingRig.RunAsync(["*"], "wsconform-reference", ReferenceEchoClient.EchoAsync, exclude: ["compression.*", "limits.*", "performance.*"]);
        Assert.True(target.Cases.All(c => c.Verdict != Verdict.Failed), ClientTestingRig.NotOk(target));
        Assert.Contains(target.Cases, c => c.Id == "handshake.response-accept-wrong" && c.Verdict == Verdict.Ok);
        Assert.Contains(target.Cases, c => c.Id == "framing.masked-server-text" && c.Verdict == Verdict.Ok);
    }

    [Theory]
    [InlineData("wss://127.0.0.1:0/")]
    [InlineData("ws+unix")]
    public async Task Clients_are_tested_over_TLS_and_Unix_sockets_too(string listen)
    {
        if (listen == "ws+unix")
        {
            listen = $"ws+unix://{Path.Combine(Path.GetTempPath(), $"wsconform-{Guid.NewGuid():N}.sock")}";
        }

        var target = await ClientTestingRig.RunAsync(["framing.text.length-125", "handshake.response-accept-wrong"], "reference", ReferenceEchoClient.EchoAsync, listen: listen);
        Assert.All(target.Cases, c => Assert.Equal(Verdict.Ok, c.Verdict));
        Assert.StartsWith(listen.Split(':')[0], target.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_agents_run_at_once_and_each_is_a_target_of_its_own()
    {
        var cases = new ServedCases(CatalogueSource.Load(RepositoryPaths.Cases, ["framing.text.*", "pings.ping-text"], []));
        var results = new AgentResults(cases, "ws://127.0.0.1/", new ToolInfo("wsconform", "test"), DateTimeOffset.Now);
        var options = new CaseServerOptions { Listen = new Uri("ws://127.0.0.1:0/"), Run = new RunOptions { Target = new Uri("ws://127.0.0.1/") } };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using (var server = CaseServer.Start(options, cases, results, (_, _) => Task.CompletedTask))
        {
            var reference = AutobahnDriver.RunAsync(new Uri(server.BaseUrl), "reference", ReferenceEchoClient.EchoAsync, _ => { }, TimeSpan.FromSeconds(30), timeout.Token);
            var unmasked = AutobahnDriver.RunAsync(new Uri(server.BaseUrl), "unmasked", (url, token) => BrokenEchoClient.EchoAsync(url, ClientFault.UnmaskedFrames, token), _ => { }, TimeSpan.FromSeconds(30), timeout.Token);
            await Task.WhenAll(reference, unmasked);
        }

        var targets = results.ToDocument(complete: true).Targets.ToDictionary(t => t.Agent!);
        Assert.Equal(["reference", "unmasked"], targets.Keys.Order());
        Assert.All(targets.Values, t => Assert.Equal(cases.List.Count, t.Cases.Count));
        Assert.All(targets["reference"].Cases, c => Assert.Equal(Verdict.Ok, c.Verdict));
        Assert.All(targets["unmasked"].Cases, c => Assert.Equal(Verdict.Failed, c.Verdict));
    }
}
