using Conformance.ReferenceImpl.Extensions;

namespace Conformance.ReferenceImpl.Protocol;

/// <summary>
/// permessage-deflate on the sending side of the connection (RFC 7692 6, 7.2.1): compressing sent messages with the
/// agreed parameters. The receiving side (RSV1 rules, inflating) is the <see cref="Receiving.ReceivePipeline"/>'s.
/// </summary>
public sealed partial class WebSocketConnection
{
    private readonly MessageDeflater? _deflater;

    // The outgoing fragmented message was begun compressed.
    private bool _sendingCompressed;

    /// <summary>The permessage-deflate agreement in force, or null when the extension was not negotiated.</summary>
    public PerMessageDeflateParameters? PerMessageDeflate => _options.PerMessageDeflate;

    private static MessageDeflater? CreateDeflater(ConnectionOptions options) =>
        options.PerMessageDeflate is { } agreed
            ? new MessageDeflater(agreed.MaxWindowBits(options.Role), agreed.NoContextTakeover(options.Role), options.DeflateLevel)
            : null;

    /// <summary>The payload to put in a data frame: compressed when this message is (RFC 7692 7.2.1).</summary>
    private ReadOnlySpan<byte> OutgoingPayload(ReadOnlySpan<byte> payload, bool compressed, bool endOfMessage) =>
        compressed ? _deflater!.Compress(payload, endOfMessage) : payload;

    private void ReleaseCompression()
    {
        _deflater?.Dispose();
        _receiver.Dispose();
    }
}
