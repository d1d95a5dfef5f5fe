namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// Who gets in. At most <see cref="ReferenceServerOptions.MaxPendingHandshakes"/> connections are in their opening
/// handshake: a newcomer beyond it evicts the oldest, which has had the most time, so slow clients (slowloris) cannot
/// keep out one that completes its handshake promptly. At most <see cref="ReferenceServerOptions.MaxConnections"/>
/// connections are open (upgraded, until their socket is closed): a client beyond it is refused with 503.
/// </summary>
internal sealed class ConnectionAdmission(int maxPending, int maxOpen)
{
    private readonly LinkedList<ServerSession> _pending = new();
    private readonly Lock _lock = new();
    private int _open;

    /// <summary>Connections in their opening handshake.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Open connections.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>True when no connection may open now.</summary>
    public bool IsFull => Open >= maxOpen;

    /// <summary>Adds a newly accepted connection; returns the oldest pending one, taken out to make room, for the caller to drop.</summary>
    public ServerSession? AddPending(ServerSession session)
    {
        lock (_lock)
        {
            ServerSession? evicted = null;
            if (_pending.Count >= maxPending)
            {
                evicted = _pending.First!.Value;
                _pending.RemoveFirst();
            }

            session.PendingEntry = _pending.AddLast(session);
            return evicted;
        }
    }

    /// <summary>Takes a connection out of the pending ones (its head is complete, or it ended); false when it was evicted.</summary>
    public bool LeavePending(ServerSession session)
    {
        lock (_lock)
        {
            if (session.PendingEntry is not { List: not null } entry)
            {
                return false;
            }

            _pending.Remove(entry);
            return true;
        }
    }

    /// <summary>Takes an open-connection slot; false at the limit. Give it back with <see cref="Closed"/>.</summary>
    public bool TryOpen()
    {
        var open = Volatile.Read(ref _open);
        while (open < maxOpen)
        {
            var seen = Interlocked.CompareExchange(ref _open, open + 1, open);
            if (seen == open)
            {
                return true;
            }

            open = seen;
        }

        return false;
    }

    /// <summary>Gives back the slot of a connection whose socket is closed.</summary>
    public void Closed() => Interlocked.Decrement(ref _open);
}
