using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>Writes what a connection has queued to its stream.</summary>
internal static class ConnectionOutput
{
    /// <summary>Writes <see cref="WebSocketConnection.PendingOutput"/> until it is empty, acknowledging each write.</summary>
    public static async ValueTask FlushAsync(WebSocketConnection connection, Stream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = connection.PendingOutput;
            if (pending.IsEmpty)
            {
                return;
            }

            await stream.WriteAsync(pending, cancellationToken);
            connection.AcknowledgeOutput(pending.Length);
        }
    }
}
