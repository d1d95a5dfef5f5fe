namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// Who gets in. At most <see cref="ReferenceServerOptions.MaxPendingHandshakes"/> connections are in their opening
/// handshake. A newcomer beyond it evicts the oldest once the server has waited on that one's bytes for
/// <see cref="ReferenceServerOptions.EvictionGrace"/>: slow clients (slowloris) cannot keep out one that completes its
/// handshake promptly. When the server has not waited that long on any (a burst of clients, or a server too busy to
/// read them yet), the newcomer waits for room and the server accepts no more meanwhile (they queue in the kernel's
/// backlog): a client is never evicted for the server's slowness. At most <see cref="ReferenceServerOptions.MaxConnections"/> connections are open (upgraded,
/// until their socket is closed): a client beyond it is refused with 503.
/// </summary>
internal sealed class ConnectionAdmission(int maxPending, int maxOpen, TimeSpan evictionGrace)
{
    private readonly LinkedList<ServerSession> _pending = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _roomFreed = new(0, 1);
    private readonly long _graceMilliseconds = (long)Math.Ceiling(evictionGrace.TotalMilliseconds);
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

    /// <summary>
    /// Returns once a newly accepted connection may join the pending ones: at once when there is room; at the bound,
    /// when the oldest has had its grace (it is taken out and returned, for the caller to drop) or when one leaves.
    /// </summary>
    public async Task<ServerSession?> MakeRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                if (_pending.Count < maxPending)
                {
                    return null;
                }

                var oldest = _pending.First!.Value;
                var waitingSince = oldest.WaitingSince;
                var age = waitingSince == ServerSession.NotYetWaiting ? 0 : Environment.TickCount64 - waitingSince;
                if (waitingSince != ServerSession.NotYetWaiting && age >= _graceMilliseconds)
                {
                    _pending.RemoveFirst();
                    return oldest;
                }

                wait = TimeSpan.FromMilliseconds(Math.Clamp(_graceMilliseconds - age, 1, int.MaxValue));
            }

            // Woken by a connection leaving the pending ones, or when the oldest may have come of age.
            await _roomFreed.WaitAsync(wait, cancellationToken);
        }
    }

    /// <summary>Adds a newly accepted connection (after <see cref="MakeRoomAsync"/>).</summary>
    public void AddPending(ServerSession session)
    {
        lock (_lock)
        {
            session.PendingEntry = _pending.AddLast(session);
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
            if (_roomFreed.CurrentCount == 0)
            {
                _roomFreed.Release();
            }

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
