using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;

namespace Conformance.ReferenceImpl.Tests.Properties.StateModel;

/// <summary>One thing the peer (or the server itself) does; Run moves the model, Check does it to the real connection and compares.</summary>
internal abstract class ConnectionOperation : Operation<ConnectionDriver, ConnectionModel>
{
    public override Property Check(ConnectionDriver actual, ConnectionModel model)
    {
        var before = actual.Written.Count;
        Apply(actual);
        var events = actual.TakeEvents().Select(Describe).ToList();
        var replies = actual.Written.Skip(before).Select(f => Describe(f)).ToList();
        var expected = model.Expected;
        var matches = events.SequenceEqual(expected.Events) && replies.SequenceEqual(expected.Replies) && actual.Connection.State == model.State;
        return matches.Label($"{this}: expected {expected} in state {model.State}; got events [{string.Join(", ", events)}], replies [{string.Join(", ", replies)}] in state {actual.Connection.State}");
    }

    protected abstract void Apply(ConnectionDriver actual);

    private static string Describe(ConnectionEvent e) => e switch
    {
        MessageReceived m => $"{m.Kind.ToString().ToLowerInvariant()} {Convert.ToHexString(m.Payload)}",
        PingReceived p => $"ping {Convert.ToHexString(p.Payload)}",
        PongReceived p => $"pong {Convert.ToHexString(p.Payload)}",
        CloseReceived c => $"close-received {c.Code}",
        ConnectionFailed f => $"failed {f.Violation.CloseCode}",
        _ => e.GetType().Name,
    };

    private static string Describe(Frame frame) => frame.Header.Opcode switch
    {
        Opcode.Close => frame.Payload.Length >= 2 ? $"close {(frame.Payload.Span[0] << 8) | frame.Payload.Span[1]}" : "close",
        var opcode => $"{opcode.Name()} {Convert.ToHexString(frame.Payload.Span)}",
    };

    protected static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}

/// <summary>The peer sends a whole text or binary message in one frame.</summary>
internal sealed class PeerSendsMessage(MessageKind kind, byte[] payload) : ConnectionOperation
{
    public override ConnectionModel Run(ConnectionModel model) => model switch
    {
        { State: ConnectionState.Closed } => model with { Expected = Expectation.Nothing },
        // RFC 6455 5.4: a new data frame inside a fragmented message fails the connection.
        { Fragmented: not null } => model.Fail(1002),
        // RFC 6455 5.5.1: after sending a close the endpoint still receives until the peer's close.
        _ => model with { Expected = new([$"{kind.ToString().ToLowerInvariant()} {Hex(payload)}"], []) },
    };

    protected override void Apply(ConnectionDriver actual) =>
        actual.Connection.ReceiveAll(actual.PeerFrame(kind == MessageKind.Text ? Opcode.Text : Opcode.Binary, payload));

    public override string ToString() => $"PeerSendsMessage({kind}, {payload.Length} bytes)";
}

/// <summary>The peer starts a fragmented message (FIN clear).</summary>
internal sealed class PeerStartsFragments(MessageKind kind, byte[] payload) : ConnectionOperation
{
    public override ConnectionModel Run(ConnectionModel model) => model switch
    {
        { State: ConnectionState.Closed } => model with { Expected = Expectation.Nothing },
        { Fragmented: not null } => model.Fail(1002),
        _ => model with { Fragmented = kind, Assembled = payload, Expected = Expectation.Nothing },
    };

    protected override void Apply(ConnectionDriver actual) =>
        actual.Connection.ReceiveAll(actual.PeerFrame(kind == MessageKind.Text ? Opcode.Text : Opcode.Binary, payload, fin: false));

    public override string ToString() => $"PeerStartsFragments({kind}, {payload.Length} bytes)";
}

/// <summary>The peer sends a continuation frame, the last one when <paramref name="fin"/>.</summary>
internal sealed class PeerContinues(byte[] payload, bool fin) : ConnectionOperation
{
    public override ConnectionModel Run(ConnectionModel model)
    {
        if (model.State == ConnectionState.Closed)
        {
            return model with { Expected = Expectation.Nothing };
        }

        if (model.Fragmented is not { } kind)
        {
            // RFC 6455 5.4: a continuation with no message started fails the connection.
            return model.Fail(1002);
        }

        byte[] assembled = [.. model.Assembled, .. payload];
        return fin
            ? model with { Fragmented = null, Assembled = [], Expected = new([$"{kind.ToString().ToLowerInvariant()} {Hex(assembled)}"], []) }
            : model with { Assembled = assembled, Expected = Expectation.Nothing };
    }

    protected override void Apply(ConnectionDriver actual) => actual.Connection.ReceiveAll(actual.PeerFrame(Opcode.Continuation, payload, fin));

    public override string ToString() => $"PeerContinues({payload.Length} bytes, fin={fin})";
}

/// <summary>The peer pings, possibly between the fragments of a message.</summary>
internal sealed class PeerPings(byte[] payload) : ConnectionOperation
{
    // RFC 6455 5.5.2/5.5.3: a ping is answered with a pong carrying the same payload, also between fragments (5.4);
    // after this endpoint sent its close it sends nothing more (5.5.1).
    public override ConnectionModel Run(ConnectionModel model) => model.State switch
    {
        ConnectionState.Closed => model with { Expected = Expectation.Nothing },
        ConnectionState.CloseSent => model with { Expected = new([$"ping {Hex(payload)}"], []) },
        _ => model with { Expected = new([$"ping {Hex(payload)}"], [$"pong {Hex(payload)}"]) },
    };

    protected override void Apply(ConnectionDriver actual) => actual.Connection.ReceiveAll(actual.PeerFrame(Opcode.Ping, payload));

    public override string ToString() => $"PeerPings({payload.Length} bytes)";
}

/// <summary>The peer sends a frame with a reserved opcode.</summary>
internal sealed class PeerSendsReservedOpcode(byte opcode) : ConnectionOperation
{
    // RFC 6455 5.2: an unknown opcode fails the connection.
    public override ConnectionModel Run(ConnectionModel model) =>
        model.State == ConnectionState.Closed ? model with { Expected = Expectation.Nothing } : model.Fail(1002);

    protected override void Apply(ConnectionDriver actual) => actual.Connection.ReceiveAll(actual.PeerFrame((Opcode)opcode, [1, 2, 3]));

    public override string ToString() => $"PeerSendsReservedOpcode(0x{opcode:x})";
}

/// <summary>The peer sends invalid UTF-8 as a whole text message.</summary>
internal sealed class PeerSendsInvalidText : ConnectionOperation
{
    // RFC 6455 8.1: invalid UTF-8 in a text message fails the connection with 1007.
    public override ConnectionModel Run(ConnectionModel model) => model switch
    {
        { State: ConnectionState.Closed } => model with { Expected = Expectation.Nothing },
        _ => model.Fail(model.Fragmented is null ? (ushort)1007 : (ushort)1002),
    };

    protected override void Apply(ConnectionDriver actual) => actual.Connection.ReceiveAll(actual.PeerFrame(Opcode.Text, [0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80]));

    public override string ToString() => "PeerSendsInvalidText";
}

/// <summary>The peer sends a close frame with a valid code.</summary>
internal sealed class PeerCloses(ushort code) : ConnectionOperation
{
    // RFC 6455 5.5.1: a close is answered with a close (echoing the code) unless one was sent; either way the handshake ends.
    public override ConnectionModel Run(ConnectionModel model) => model.State switch
    {
        ConnectionState.Closed => model with { Expected = Expectation.Nothing },
        ConnectionState.CloseSent => model with { State = ConnectionState.Closed, Fragmented = null, Assembled = [], Expected = new([$"close-received {code}"], []) },
        _ => model with { State = ConnectionState.Closed, Fragmented = null, Assembled = [], Expected = new([$"close-received {code}"], [$"close {code}"]) },
    };

    protected override void Apply(ConnectionDriver actual) => actual.Connection.ReceiveAll(actual.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload(code, "bye")));

    public override string ToString() => $"PeerCloses({code})";
}

/// <summary>The server starts the closing handshake.</summary>
internal sealed class ServerCloses : ConnectionOperation
{
    public override bool Pre(ConnectionModel model) => model.State == ConnectionState.Open;

    public override ConnectionModel Run(ConnectionModel model) => model with { State = ConnectionState.CloseSent, Expected = new([], ["close 1000"]) };

    protected override void Apply(ConnectionDriver actual) => actual.Connection.SendClose(1000, "done");

    public override string ToString() => "ServerCloses";
}

/// <summary>The server sends a message while open.</summary>
internal sealed class ServerSends(string text) : ConnectionOperation
{
    public override bool Pre(ConnectionModel model) => model.State == ConnectionState.Open;

    public override ConnectionModel Run(ConnectionModel model) => model with { Expected = new([], [$"text {Hex(Encoding.UTF8.GetBytes(text))}"]) };

    protected override void Apply(ConnectionDriver actual) => actual.Connection.SendText(text);

    public override string ToString() => $"ServerSends({text.Length} chars)";
}

/// <summary>Generates what the peer or the server does next, weighted toward the interesting paths.</summary>
internal sealed class ConnectionMachine() : Machine<ConnectionDriver, ConnectionModel>(maxNumberOfCommands: 30)
{
    public override Arbitrary<Setup<ConnectionDriver, ConnectionModel>> Setup { get; } = Gen.Fresh<Setup<ConnectionDriver, ConnectionModel>>(() => new ServerSetup()).ToArbitrary();

    public override Gen<Operation<ConnectionDriver, ConnectionModel>> Next(ConnectionModel model)
    {
        var payload = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(a => a.Length > 40 ? a[..40] : a);
        var text = Gen.Elements("", "Hello", "κόσμε", "fragment", "🎉 party").Select(Encoding.UTF8.GetBytes);
        var kind = Gen.Elements(MessageKind.Text, MessageKind.Binary);
        Gen<Operation<ConnectionDriver, ConnectionModel>> Op<T>(Gen<T> gen)
            where T : Operation<ConnectionDriver, ConnectionModel> => gen.Select(o => (Operation<ConnectionDriver, ConnectionModel>)o);
        return Gen.Frequency(
            (4, Op(kind.SelectMany(k => (k == MessageKind.Text ? text : payload).Select(p => new PeerSendsMessage(k, p))))),
            (4, Op(kind.SelectMany(k => (k == MessageKind.Text ? text : payload).Select(p => new PeerStartsFragments(k, p))))),
            (6, Op(from p in (model.Fragmented == MessageKind.Text ? text : payload) from fin in Gen.Elements(true, false) select new PeerContinues(p, fin))),
            (4, Op(payload.Select(p => new PeerPings(p)))),
            (1, Op(Gen.Elements<byte>(3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf).Select(o => new PeerSendsReservedOpcode(o)))),
            (1, Op(Gen.Constant(0).Select(_ => new PeerSendsInvalidText()))),
            (1, Op(Gen.Elements<ushort>(1000, 1001, 1003, 1011, 3000, 4999).Select(c => new PeerCloses(c)))),
            (1, Op(Gen.Constant(0).Select(_ => new ServerCloses()))),
            (2, Op(Gen.Elements("hi", "ünïcode", string.Empty).Select(t => new ServerSends(t)))));
    }

    private sealed class ServerSetup : Setup<ConnectionDriver, ConnectionModel>
    {
        public override ConnectionDriver Actual() => new(Role.Server);

        public override ConnectionModel Model() => ConnectionModel.Initial;
    }
}
