using System.Net.Sockets;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Serving;

public sealed class ConnectionAdmissionTests : IDisposable
{
    private readonly List<Socket> _sockets = [];

    [Fact]
    public void Adding_beyond_the_pending_bound_evicts_the_oldest()
    {
        var admission = new ConnectionAdmission(maxPending: 2, maxOpen: 10);
        var first = Session(1, admission);
        var second = Session(2, admission);
        var third = Session(3, admission);

        Assert.Null(admission.AddPending(first));
        Assert.Null(admission.AddPending(second));
        Assert.Same(first, admission.AddPending(third));
        Assert.Equal(2, admission.Pending);
    }

    [Fact]
    public void An_evicted_connection_cannot_leave_the_pending_ones_and_the_others_can()
    {
        var admission = new ConnectionAdmission(maxPending: 1, maxOpen: 10);
        var first = Session(1, admission);
        var second = Session(2, admission);
        admission.AddPending(first);
        admission.AddPending(second);

        Assert.False(admission.LeavePending(first));
        Assert.True(admission.LeavePending(second));
        Assert.False(admission.LeavePending(second));
        Assert.Equal(0, admission.Pending);
    }

    [Fact]
    public void Open_slots_stop_at_the_limit_and_come_back_when_closed()
    {
        var admission = new ConnectionAdmission(maxPending: 1, maxOpen: 2);

        Assert.True(admission.TryOpen());
        Assert.True(admission.TryOpen());
        Assert.False(admission.TryOpen());
        Assert.True(admission.IsFull);
        admission.Closed();

        Assert.False(admission.IsFull);
        Assert.True(admission.TryOpen());
        Assert.Equal(2, admission.Open);
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    private ServerSession Session(long id, ConnectionAdmission admission)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(socket);
        return new ServerSession(id, socket, new SessionSettings(new ReferenceServerOptions(), new ServerHandshakeOptions(), null, admission, NullLogger.Instance));
    }
}
