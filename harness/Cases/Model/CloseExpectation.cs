namespace Conformance.Harness.Cases.Model;

/// <summary>Who must close the connection.</summary>
public enum Closer
{
    /// <summary>The harness closes once the expected events arrived (an echo case).</summary>
    Harness,

    /// <summary>The peer must fail the connection: a close frame with an allowed code, or a TCP close (RFC 6455 7.1.7).</summary>
    Peer,
}

/// <summary>How the connection must end (Autobahn's expectedClose).</summary>
/// <param name="By">Who closes.</param>
/// <param name="Codes">Close codes the peer may send; a close frame without a code is always accepted.</param>
/// <param name="RequireClean">A full close handshake and a TCP close by the server are required.</param>
/// <param name="WrongCodeFails">A code outside <paramref name="Codes"/> makes the verdict FAILED, not only the close verdict WRONG CODE (Autobahn section 7).</param>
/// <param name="HarnessClosingFails">If the peer never fails the connection, so the harness has to close, the verdict is FAILED (UTF-8 fail cases).</param>
public sealed record CloseExpectation(
    Closer By,
    IReadOnlyList<ushort> Codes,
    bool RequireClean,
    bool WrongCodeFails = false,
    bool HarnessClosingFails = false);
