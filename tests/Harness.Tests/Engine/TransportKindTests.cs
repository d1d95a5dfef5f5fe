using Conformance.Harness.Cases.Model;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.Harness.Tests.Engine;

/// <summary>The engine reaches targets over every transport `run --target` accepts: ws, wss and ws+unix.</summary>
public sealed class TransportKindTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(1));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Cases_run_against_a_wss_target_with_a_self_signed_certificate_when_insecure()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("wss://127.0.0.1:0/") }, null, _timeout.Token);

        var results = await new CatalogueRunner(new RunOptions { Target = server.Endpoint, InsecureTls = true })
            .RunAllAsync([TestCases.EchoHello()], cancellationToken: _timeout.Token);

        var result = Assert.Single(results);
        Assert.Equal((Verdict.Ok, CloseVerdict.Ok), (result.Verdict, result.CloseVerdict));
    }

    [Fact]
    public async Task A_wss_target_with_an_untrusted_certificate_fails_the_handshake_with_a_reason()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("wss://127.0.0.1:0/") }, null, _timeout.Token);

        var result = Assert.Single(await new CatalogueRunner(new RunOptions { Target = server.Endpoint })
            .RunAllAsync([TestCases.EchoHello()], cancellationToken: _timeout.Token));

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 6455 4.1", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cases_run_against_a_unix_socket_target()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wsconform-{Guid.NewGuid():N}.sock");
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri($"ws+unix://{path}") }, null, _timeout.Token);

        var results = await new CatalogueRunner(new RunOptions { Target = server.Endpoint })
            .RunAllAsync([TestCases.EchoHello(), TestCases.EchoHello("framing.text.hello-2")], cancellationToken: _timeout.Token);

        Assert.All(results, result => Assert.Equal((Verdict.Ok, CloseVerdict.Ok), (result.Verdict, result.CloseVerdict)));
    }
}
