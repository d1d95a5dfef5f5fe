using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.ClientDriver;

/// <summary>
/// The echo client on wsconform's reference <see cref="WebSocketClient"/>, offering permessage-deflate. It trusts any
/// certificate (the harness's wss certificate is self-signed): a test driver, not a client to copy.
/// </summary>
public static class ReferenceEchoClient
{
    public static async Task EchoAsync(Uri url, CancellationToken cancellationToken)
    {
        var options = new WebSocketClientOptions
        {
            PerMessageDeflate = new PerMessageDeflateOptions(),
            AllowUntrustedCertificate = true,
            ConnectionOptions = new ConnectionOptions { Role = Role.Client, MaxMessageSize = 64L << 20 },
        };
        await using var client = await WebSocketClient.ConnectAsync(url, options, cancellationToken);
        while (true)
        {
            switch (await client.ReceiveAsync(cancellationToken))
            {
                case ClientEvent.Message { Kind: MessageKind.Text } text:
                    await client.SendTextAsync(text.Text, cancellationToken);
                    break;
                case ClientEvent.Message binary:
                    await client.SendBinaryAsync(binary.Payload, cancellationToken);
                    break;
                case ClientEvent.Closed:
                    return;
            }
        }
    }
}
