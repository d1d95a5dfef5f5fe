using Conformance.ReferenceImpl.Tests.Transport;

namespace Conformance.ReferenceImpl.Tests.Serving;

/// <summary>Clients that start an opening handshake and do not finish it (slowloris).</summary>
internal static class SlowClients
{
    /// <summary>The start of a request head that never ends.</summary>
    public static byte[] PartialHead { get; } = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"u8.ToArray();

    /// <summary>Connects <paramref name="count"/> sockets, one after another, each sending <see cref="PartialHead"/>.</summary>
    public static async Task<List<RawConnection>> ConnectAsync(Uri endpoint, int count, CancellationToken cancellationToken)
    {
        var connections = new List<RawConnection>(count);
        for (var i = 0; i < count; i++)
        {
            var connection = await RawConnection.ConnectAsync(endpoint, cancellationToken);
            connections.Add(connection);
            await connection.SendAsync(PartialHead, cancellationToken);
        }

        return connections;
    }

    public static async Task DisposeAllAsync(IEnumerable<RawConnection> connections)
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }
}
