using System.Text.Unicode;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Properties;

public class FramingProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Parse_of_write_is_the_same_frame_for_every_frame()
    {
        Check.One(Config, Prop.ForAll(FrameGenerators.AnyFrame().ToArbitrary(), frame =>
        {
            var parsed = new FrameStreamParser().Feed(FrameWriter.ToBytes(frame));
            return parsed.Count == 1 && parsed[0].Equals(frame);
        }));
    }

    [Fact]
    public void Any_byte_stream_split_at_any_points_yields_the_same_events_and_output()
    {
        var gen = from frames in FrameGenerators.ValidClientFrames()
                  let bytes = frames.SelectMany(f => f).ToArray()
                  from cuts in Gen.ListOf(Gen.Choose(0, Math.Max(0, bytes.Length)), 8)
                  select (bytes, cuts: cuts.Distinct().Order().ToArray());
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var whole = Run([input.bytes]);
            var pieces = new List<byte[]>();
            var last = 0;
            foreach (var cut in input.cuts.Append(input.bytes.Length))
            {
                pieces.Add(input.bytes[last..cut]);
                last = cut;
            }

            return whole == Run(pieces);
        }));
    }

    [Fact]
    public void Strict_parser_throws_nothing_but_its_protocol_error_on_arbitrary_bytes()
    {
        var gen = FrameGenerators.Bytes(200).ToArbitrary();
        Check.One(Config.WithMaxTest(2000), Prop.ForAll(gen, bytes =>
        {
            try
            {
                new FrameStreamParser(new FrameRuleContext(Role.Server, MaxFramePayload: 1 << 20)).Feed(bytes);
            }
            catch (ProtocolViolationException)
            {
            }

            // The connection never throws at all: a violation becomes a ConnectionFailed event.
            var connection = new WebSocketConnection(new ConnectionOptions());
            connection.ReceiveAll(bytes);
            return true;
        }));
    }

    [Fact]
    public void Masking_twice_is_identity()
    {
        var gen = from data in FrameGenerators.Bytes(300)
                  from key in Gen.Choose(int.MinValue, int.MaxValue)
                  from offset in Gen.Choose(0, 3)
                  select (data, key: (uint)key, offset);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var copy = input.data.ToArray();
            Masking.Apply(copy, input.key, input.offset);
            Masking.Apply(copy, input.key, input.offset);
            return copy.AsSpan().SequenceEqual(input.data);
        }));
    }

    [Fact]
    public void Chunked_utf8_validation_agrees_with_whole_validation()
    {
        var utf8ish = Gen.Frequency(
            (3, Gen.Elements("a", "κ", "ό", "€", "𐍈", "🎉").Select(s => System.Text.Encoding.UTF8.GetBytes(s))),
            (1, FrameGenerators.Bytes(3)));
        var gen = from parts in Gen.ListOf(utf8ish, 12)
                  let bytes = parts.SelectMany(p => p).ToArray()
                  from cut in Gen.Choose(0, bytes.Length)
                  select (bytes, cut);
        Check.One(Config.WithMaxTest(1000), Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var v = default(Utf8Validator);
            var ok = v.Advance(input.bytes.AsSpan(0, input.cut)) && v.Advance(input.bytes.AsSpan(input.cut)) && v.IsComplete;
            return ok == Utf8.IsValid(input.bytes);
        }));
    }

    private static string Run(IEnumerable<byte[]> chunks)
    {
        var connection = new WebSocketConnection(new ConnectionOptions());
        var log = new System.Text.StringBuilder();
        foreach (var chunk in chunks)
        {
            var rest = chunk.AsSpan();
            while (!rest.IsEmpty)
            {
                rest = rest[connection.ReceiveData(rest)..];
                while (connection.TryDequeueEvent(out var e))
                {
                    log.Append(Describe(e!)).Append('|');
                }
            }
        }

        log.Append(Convert.ToHexString(connection.PendingOutput.Span));
        return log.ToString();
    }

    private static string Describe(ConnectionEvent e) => e switch
    {
        MessageReceived m => $"msg {m.Kind} {Convert.ToHexString(m.Payload)}",
        PingReceived p => $"ping {Convert.ToHexString(p.Payload)}",
        PongReceived p => $"pong {Convert.ToHexString(p.Payload)}",
        _ => e.ToString(),
    };
}
