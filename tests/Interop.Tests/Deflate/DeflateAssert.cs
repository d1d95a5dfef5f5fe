using Xunit;

namespace Conformance.Interop.Tests.Deflate;

/// <summary>What the reference server saw of a peer client's deflate exchange.</summary>
public static class DeflateAssert
{
    /// <summary>The server echoed the whole exchange, and every non-empty message had arrived compressed (RSV1, RFC 7692 6).</summary>
    public static void PeerCompressedEveryMessage(ServerLog log)
    {
        var echoed = log.EchoedMessages();
        Assert.True(echoed.Count == DeflatePeers.ExchangeMessages, $"the server echoed {echoed.Count} messages, expected {DeflatePeers.ExchangeMessages}:\n{log.Describe()}");
        Assert.True(echoed.Where(m => m.Length > 0).All(m => m.Compressed), $"a non-empty message arrived uncompressed:\n{log.Describe()}");
    }
}
