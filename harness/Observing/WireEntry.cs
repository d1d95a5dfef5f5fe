namespace Conformance.Harness.Observing;

/// <summary>
/// One thing on the wire log: <see cref="Index"/> is its position (what reasons cite as "#n"), <see cref="AtMs"/> the
/// milliseconds since the case started. Both are assigned by <see cref="WireLog.Add{T}(T)"/>.
/// </summary>
public abstract record WireEntry
{
    public int Index { get; init; }

    public double AtMs { get; init; }
}
