using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Tests.Properties.StateModel;

/// <summary>
/// The RFC's view of a server-side connection, as data: its section 7 state, the fragmented message in progress
/// (RFC 6455 5.4), and what the last operation must have produced (events, reply frames, a failure's close code).
/// </summary>
internal sealed record ConnectionModel
{
    public static ConnectionModel Initial { get; } = new();

    public ConnectionState State { get; init; } = ConnectionState.Open;

    /// <summary>The kind of the fragmented message in progress, or null.</summary>
    public MessageKind? Fragmented { get; init; }

    /// <summary>The payload of the fragmented message so far.</summary>
    public byte[] Assembled { get; init; } = [];

    /// <summary>What the last operation must produce.</summary>
    public Expectation Expected { get; init; } = Expectation.Nothing;

    /// <summary>RFC 6455 7.1.7: failing sends a close with the code, unless a close was already sent (5.5.1: nothing after it).</summary>
    public ConnectionModel Fail(ushort code) => this with
    {
        State = ConnectionState.Closed,
        Fragmented = null,
        Assembled = [],
        Expected = State == ConnectionState.CloseSent ? new([$"failed {code}"], [], code) : Expectation.Failure(code),
    };
}

/// <summary>The events and the frames (by opcode and payload) one operation must produce; a failure names its close code.</summary>
internal sealed record Expectation(IReadOnlyList<string> Events, IReadOnlyList<string> Replies, ushort? FailureCode = null)
{
    public static Expectation Nothing { get; } = new([], []);

    public static Expectation Failure(ushort code) => new([$"failed {code}"], [$"close {code}"], code);

    public override string ToString() => $"events [{string.Join(", ", Events)}], replies [{string.Join(", ", Replies)}]";
}
