namespace Conformance.Harness.Observing;

/// <summary>Which way bytes went, seen from the harness.</summary>
public enum WireDirection
{
    /// <summary>Written by the harness.</summary>
    Sent,

    /// <summary>Read from the peer.</summary>
    Received,
}
