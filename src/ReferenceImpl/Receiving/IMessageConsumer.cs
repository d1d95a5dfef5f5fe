namespace Conformance.ReferenceImpl.Receiving;

/// <summary>
/// A sink that consumes each message itself: <see cref="IMessageSink.End"/> is its whole notification and no
/// <see cref="Protocol.MessageReceived"/> event is queued, so receiving allocates nothing per message (a load
/// generator checking echoes). Pings, pongs, closes and failures are still events.
/// </summary>
public interface IMessageConsumer : IMessageSink;
