using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Receiving;

/// <summary>The reference endpoint inflates with the window it agreed to, and fails a peer that uses a larger one.</summary>
public class FailPolicyWindowTests
{
    [Fact]
    public void Client_fails_a_server_that_compresses_beyond_its_agreed_window_with_1002_citing_7_1_2_1()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false);
        var compressed = deflater.Compress(RecordPolicyTests.FarRepeat(), endOfMessage: true).ToArray();
        var driver = new ConnectionDriver(Role.Client, new ConnectionOptions { PerMessageDeflate = new PerMessageDeflateParameters { ServerMaxWindowBits = 9 } });

        var events = driver.Feed(driver.PeerFrame(Opcode.Text, compressed, rsv1: true));

        var failed = Assert.IsType<ConnectionFailed>(events.Last());
        Assert.Equal(ProtocolRule.ServerWindowExceeded, failed.Violation.Rule);
        Assert.Equal((ushort)1002, driver.WrittenCloseCode());
    }

    [Fact]
    public void Server_fails_a_client_that_compresses_beyond_its_agreed_window_citing_7_1_2_2()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false);
        var compressed = deflater.Compress(RecordPolicyTests.FarRepeat(), endOfMessage: true).ToArray();
        var driver = new ConnectionDriver(Role.Server, new ConnectionOptions { PerMessageDeflate = new PerMessageDeflateParameters { ClientMaxWindowBits = 10 } });

        var events = driver.Feed(driver.PeerFrame(Opcode.Text, compressed, rsv1: true));

        Assert.Equal(ProtocolRule.ClientWindowExceeded, Assert.IsType<ConnectionFailed>(events.Last()).Violation.Rule);
    }
}
