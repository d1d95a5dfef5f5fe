namespace Conformance.Harness.Cases.Model;

/// <summary>What the harness does when a case's deadline passes with the connection still open.</summary>
public enum TimeoutAction
{
    /// <summary>Send close 1001 and wait for the close handshake (Autobahn's killAfter: the harness failed the connection).</summary>
    Fail,

    /// <summary>Send a close frame without a code (Autobahn's closeAfter: the normal end of an echo case that waits).</summary>
    Close,
}
