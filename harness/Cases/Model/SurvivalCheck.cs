namespace Conformance.Harness.Cases.Model;

/// <summary>
/// <c>survives</c>: the case is judged on whether the server survives it, not on what it answers (a fuzzing finding
/// replayed). After the case's connection ends, a fresh connection's opening handshake and a ping must be answered
/// within <see cref="AnswerWithin"/> (a crash or a hang fails that: RFC 6455 7.1.7 fails one connection, not the
/// server); and when the harness half-closed TCP, the server must close its side before the case's deadline (a stuck
/// connection fails that: RFC 6455 7.1.1; only a completed handshake makes it a WebSocket connection).
/// </summary>
public sealed record SurvivalCheck(TimeSpan AnswerWithin)
{
    public static readonly TimeSpan DefaultAnswerWithin = TimeSpan.FromSeconds(2);
}
