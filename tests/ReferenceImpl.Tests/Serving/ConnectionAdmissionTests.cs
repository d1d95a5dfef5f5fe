using System.Net.Sockets;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Serving;

public sealed class ConnectionAdmissionTests : IDisposable
{
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(10);
    private readonly List<Socket> _sockets = [];

    [Fact]
    public async Task At_the_pending_bound_the_oldest_past_its_grace_is_evicted()
    {
        var admission = new ConnectionAdmission(maxPending: 2, maxOpen: 10, evictionGrace: TimeSpan.Zero);
        var first = Session(1, admission);
        var second = Session(2, admission);

        Assert.Null(await admission.MakeRoomAsync(CancellationToken.None));
        admission.AddPending(first);
        Assert.Null(await admission.MakeRoomAsync(CancellationToken.None));
        admission.AddPending(second);
        first.StartWaiting();
        second.StartWaiting();

        Assert.Same(first, await admission.MakeRoomAsync(CancellationToken.None));
        Assert.Equal(1, admission.Pending);
    }

    [Fact]
    public async Task A_connection_the_server_has_not_yet_waited_on_is_not_evicted()
    {
        var admission = new ConnectionAdmission(maxPending: 1, maxOpen: 10, evictionGrace: TimeSpan.Zero);
        var unread = Session(1, admission);
        admission.AddPending(unread);

        // The server has not got to it yet (busy): not the client's slowness, so room is awaited.
        var room = admission.MakeRoomAsync(CancellationToken.None);
        Assert.False(room.IsCompleted);
        unread.StartWaiting();

        Assert.Same(unread, await room);
    }

    [Fact]
    public async Task At_the_pending_bound_with_none_past_its_grace_room_is_awaited()
    {
        var admission = new ConnectionAdmission(maxPending: 1, maxOpen: 10, evictionGrace: Never);
        var first = Session(1, admission);
        admission.AddPending(first);
        first.StartWaiting();

        var room = admission.MakeRoomAsync(CancellationToken.None);
        Assert.False(room.IsCompleted);
        admission.LeavePending(first);

        Assert.Null(await room);
        Assert.Equal(0, admission.Pending);
    }

    [Fact]
    public async Task An_evicted_connection_cannot_leave_the_pending_ones_and_the_others_can()
    {
        var admission = new ConnectionAdmission(maxPending: 1, maxOpen: 10, evictionGrace: TimeSpan.Zero);
        var first = Session(1, admission);
        var second = Session(2, admission);
        admission.AddPending(first);
        first.StartWaiting();
        Assert.Same(first, await admission.MakeRoomAsync(CancellationToken.None));
        admission.AddPending(second);

        Assert.False(admission.LeavePending(first));
        Assert.True(admission.LeavePending(second));
        Assert.False(admission.LeavePending(second));
        Assert.Equal(0, admission.Pending);
    }

    [Fact]
    public void Open_slots_stop_at_the_limit_and_come_back_when_closed()
    {
        var admission = new ConnectionAdmission(maxPending: 1, maxOpen: 2, evictionGrace: TimeSpan.Zero);

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
