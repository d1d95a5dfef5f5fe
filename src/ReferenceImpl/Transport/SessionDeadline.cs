namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// The time limits of one <see cref="ServerSession"/> on one timer: the opening handshake's (from accept), the idle one
/// (from the last read or write) and the close one (from the close frame sent). Reads and writes only stamp the clock;
/// the timer, when it fires before the deadline (there was activity since), re-arms for what is left. So a busy
/// connection costs no timer operation per read or write, and an idle one one timer firing per idle timeout.
/// </summary>
/// <remarks>
/// Past the deadline the timer cancels both tokens: a pending read or write ends with
/// <see cref="OperationCanceledException"/>, the owner asks <see cref="IsExpired"/> why, and the timer stays idle until
/// the owner enters a new phase or calls <see cref="Renew"/>. <see cref="Interrupt"/>
/// (shutdown, eviction) cancels the read token only, so a write in progress is never cut short by it. The owner calls
/// <see cref="Renew"/> after handling a cancellation. The token sources never get a timer of their own, so they need no
/// disposal and can be cancelled from any thread without racing one.
/// </remarks>
internal sealed class SessionDeadline : IDisposable
{
    // Timer.Change takes at most 0xFFFFFFFE milliseconds.
    private const long MaxDueMilliseconds = 0xFFFFFFFEL;

    private readonly long _handshakeMilliseconds;
    private readonly long _idleMilliseconds;
    private readonly long _closeMilliseconds;
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private SessionPhase _phase = SessionPhase.Handshake;
    private long _phaseStart;
    private long _lastActivity;
    private CancellationTokenSource _reads = new();
    private CancellationTokenSource _writes = new();
    private bool _disposed;

    public SessionDeadline(TimeSpan handshakeTimeout, TimeSpan idleTimeout, TimeSpan closeTimeout)
    {
        _handshakeMilliseconds = ToMilliseconds(handshakeTimeout);
        _idleMilliseconds = ToMilliseconds(idleTimeout);
        _closeMilliseconds = ToMilliseconds(closeTimeout);
        _timer = new Timer(static state => ((SessionDeadline)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>For reads (and the TLS handshake): cancelled past the deadline or by <see cref="Interrupt"/>.</summary>
    public CancellationToken ReadToken => _reads.Token;

    /// <summary>True when the current phase's deadline has passed.</summary>
    public bool IsExpired
    {
        get
        {
            lock (_lock)
            {
                return Environment.TickCount64 >= Deadline();
            }
        }
    }

    /// <summary>For writes: cancelled past the deadline only. A source the timer cancelled before activity moved the deadline is renewed.</summary>
    public CancellationToken WriteToken()
    {
        if (_writes.IsCancellationRequested && !IsExpired)
        {
            Renew();
        }

        return _writes.Token;
    }

    /// <summary>Starts the handshake clock (at accept).</summary>
    public void StartHandshake() => Enter(SessionPhase.Handshake, _handshakeMilliseconds);

    /// <summary>The connection is open: the idle clock runs from now.</summary>
    public void Open() => Enter(SessionPhase.Open, _idleMilliseconds);

    /// <summary>A close frame was sent: the close clock runs from now.</summary>
    public void Closing() => Enter(SessionPhase.Closing, _closeMilliseconds);

    /// <summary>Activity: moves the idle deadline (a field write, no timer operation).</summary>
    public void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

    /// <summary>Wakes a pending read (shutdown, eviction); writes go on.</summary>
    public void Interrupt()
    {
        CancellationTokenSource reads;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            reads = _reads;
        }

        reads.Cancel();
    }

    /// <summary>
    /// Fresh token sources for the cancelled ones, once the owner has handled the cancellation, and the timer re-armed
    /// for what is left of the deadline (firing past it, the timer does not re-arm itself).
    /// </summary>
    public void Renew()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            // Past the deadline the owner enters a new phase (which arms the timer) or ends.
            RearmIfBeforeDeadline();
            if (_reads.IsCancellationRequested)
            {
                _reads = new CancellationTokenSource();
            }

            if (_writes.IsCancellationRequested)
            {
                _writes = new CancellationTokenSource();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void Enter(SessionPhase phase, long milliseconds)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _phase = phase;
            _phaseStart = Environment.TickCount64;
            Volatile.Write(ref _lastActivity, _phaseStart);
            _timer.Change(Math.Min(milliseconds, MaxDueMilliseconds), Timeout.Infinite);
        }
    }

    private void OnTimer()
    {
        CancellationTokenSource reads;
        CancellationTokenSource writes;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (RearmIfBeforeDeadline())
            {
                return;
            }

            reads = _reads;
            writes = _writes;
        }

        // Outside the lock: cancellation runs the pending operations' callbacks.
        reads.Cancel();
        writes.Cancel();
    }

    /// <summary>Arms the timer for what is left of the deadline; false when it has passed (call under the lock).</summary>
    private bool RearmIfBeforeDeadline()
    {
        var left = Deadline() - Environment.TickCount64;
        if (left <= 0)
        {
            return false;
        }

        _timer.Change(Math.Min(left, MaxDueMilliseconds), Timeout.Infinite);
        return true;
    }

    private long Deadline() => _phase switch
    {
        SessionPhase.Handshake => Add(_phaseStart, _handshakeMilliseconds),
        SessionPhase.Open => Add(Volatile.Read(ref _lastActivity), _idleMilliseconds),
        _ => Add(_phaseStart, _closeMilliseconds),
    };

    private static long Add(long start, long milliseconds) => milliseconds > long.MaxValue - start ? long.MaxValue : start + milliseconds;

    private static long ToMilliseconds(TimeSpan timeout) => Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));

    private enum SessionPhase
    {
        Handshake,
        Open,
        Closing,
    }
}
