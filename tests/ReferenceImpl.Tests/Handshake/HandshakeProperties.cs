using System.Text;
using Conformance.ReferenceImpl.Handshake;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class HandshakeProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    // Pieces of heads, so that generated inputs get past the first checks often.
    private static readonly string[] HeadPieces =
    [
        "GET ", "POST ", "/chat", " HTTP/1.1", "HTTP/1.1 101 Switching Protocols", " HTTP/1.0", "\r\n", "\r\n\r\n", "\r", "\n", " ", "\t", ":", ",", ";", "=", "\"",
        "Host: a", "Upgrade: websocket", "Connection: Upgrade", "Connection: keep-alive, upgrade",
        $"Sec-WebSocket-Key: {RequestHead.SampleKey}", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8",
        $"Sec-WebSocket-Accept: {RequestHead.SampleAccept}", "Sec-WebSocket-Protocol: chat, superchat",
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits", "\0", "\x7F", "\u00e9",
    ];

    private static readonly string[] ExtensionPieces =
    [
        "permessage-deflate", "x", "a1", " ", "\t", ",", ";", "=", "\"", "\\", "10", "client_max_window_bits", "@", "\u00e9", "\0", "\x7F",
    ];

    private static Gen<byte[]> AnyBytes => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i));

    private static Gen<byte[]> HeadLikeBytes =>
        Gen.ListOf(Gen.Elements(HeadPieces)).Select(pieces => Encoding.Latin1.GetBytes(string.Concat(pieces)));

    private static Gen<byte[]> MutatedValidRequest
    {
        get
        {
            var valid = RequestHead.Valid().Set("Sec-WebSocket-Protocol", "chat").Set("Sec-WebSocket-Extensions", "permessage-deflate; a=\"1\"").Bytes();
            var mutation = Gen.Zip(Gen.Choose(0, valid.Length - 1), Gen.Choose(0, 255));
            return Gen.ListOf(mutation).Select(mutations =>
            {
                var bytes = (byte[])valid.Clone();
                foreach (var (position, value) in mutations)
                {
                    bytes[position] = (byte)value;
                }

                return bytes;
            });
        }
    }

    private static Arbitrary<byte[]> Inputs => Gen.OneOf(AnyBytes, HeadLikeBytes, MutatedValidRequest).ToArbitrary();

    [Fact]
    public void Request_parser_throws_nothing_but_handshake_exception()
    {
        Check.One(Runs, Prop.ForAll(Inputs, bytes =>
        {
            try
            {
                HandshakeRequestParser.Parse(bytes, HandshakeLimits.Default);
            }
            catch (HandshakeException exception)
            {
                Assert.InRange(exception.StatusCode, 400, 599);
                Assert.Contains("RFC", exception.Rule, StringComparison.Ordinal);
            }
        }));
    }

    [Fact]
    public void Response_parser_throws_nothing_but_handshake_exception()
    {
        Check.One(Runs, Prop.ForAll(Inputs, bytes =>
        {
            try
            {
                HandshakeResponseParser.Parse(bytes, HandshakeLimits.Default);
            }
            catch (HandshakeException)
            {
            }
        }));
    }

    [Fact]
    public void Server_never_throws_and_every_answer_is_a_well_formed_response()
    {
        var options = new ServerHandshakeOptions { SupportedSubprotocols = ["chat"] };
        Check.One(Runs, Prop.ForAll(Inputs, bytes =>
        {
            var result = ServerHandshake.Evaluate(bytes, options);
            var response = Responses.Parse(result.ResponseBytes);
            var expected = result is ServerHandshakeResult.Rejected rejected ? rejected.StatusCode : 101;
            Assert.Equal(expected, response.StatusCode);
        }));
    }

    [Fact]
    public void Client_never_throws_on_any_response()
    {
        var client = new ClientHandshake(new ClientHandshakeOptions { Host = "h", Subprotocols = ["chat"] }, Encoding.ASCII.GetBytes("the sample nonce"));
        Check.One(Runs, Prop.ForAll(Inputs, bytes => client.Validate(bytes) is not null));
    }

    [Fact]
    public void Extension_parser_throws_nothing_but_extension_format_exception_and_round_trips()
    {
        var values = Gen.ListOf(Gen.Elements(ExtensionPieces)).Select(string.Concat).ToArbitrary();
        Check.One(Runs, Prop.ForAll(values, value =>
        {
            IReadOnlyList<ExtensionOffer> offers;
            try
            {
                offers = ExtensionHeaderParser.Parse(value);
            }
            catch (ExtensionFormatException exception)
            {
                Assert.InRange(exception.Position, 0, value.Length);
                return;
            }

            var again = ExtensionHeaderParser.Parse(ExtensionHeaderFormatter.Format(offers));
            Assert.Equal(offers.Select(offer => offer.ToString()), again.Select(offer => offer.ToString()));
        }));
    }

    [Fact]
    public void Selected_subprotocol_is_always_one_both_sides_listed()
    {
        var names = Gen.ListOf(Gen.Elements("chat", "superchat", "wamp", "mqtt", "Chat")).Select(list => list.Distinct().ToArray());
        Check.One(Runs, Prop.ForAll(Gen.Zip(names, names).ToArbitrary(), pair =>
        {
            var (server, client) = pair;
            var selected = SubprotocolSelector.Select(server, client);
            var common = server.Where(client.Contains).ToArray();
            return selected is null ? common.Length == 0 : selected == common[0];
        }));
    }
}
