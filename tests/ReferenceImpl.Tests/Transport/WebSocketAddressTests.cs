using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Transport;

public sealed class WebSocketAddressTests
{
    [Theory]
    [InlineData("ws://127.0.0.1:9001/chat?x=1", TransportKind.Tcp, false, "127.0.0.1", 9001, "/chat?x=1", "127.0.0.1:9001")]
    [InlineData("wss://localhost/", TransportKind.Tcp, true, "localhost", 443, "/", "localhost")]
    [InlineData("ws://[::1]:80", TransportKind.Tcp, false, "::1", 80, "/", "[::1]")]
    [InlineData("ws+unix:///tmp/echo.sock", TransportKind.Unix, false, "localhost", 0, "/", "localhost")]
    [InlineData("ws+unix:///tmp/echo.sock:/chat?room=1", TransportKind.Unix, false, "localhost", 0, "/chat?room=1", "localhost")]
    public void Urls_are_taken_apart(string url, TransportKind kind, bool secure, string host, int port, string resource, string hostHeader)
    {
        var address = WebSocketAddress.Parse(new Uri(url));

        Assert.Equal(kind, address.Kind);
        Assert.Equal(secure, address.IsSecure);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
        Assert.Equal(resource, address.Resource);
        Assert.Equal(hostHeader, address.HostHeader);
    }

    [Fact]
    public void Unix_url_names_the_socket_file_before_the_colon()
    {
        Assert.Equal("/tmp/echo.sock", WebSocketAddress.Parse(new Uri("ws+unix:///tmp/echo.sock:/chat")).UnixPath);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("ws://127.0.0.1/#fragment")]
    [InlineData("ws+unix:///")]
    public void Bad_urls_are_refused(string url)
    {
        Assert.Throws<ArgumentException>(() => WebSocketAddress.Parse(new Uri(url)));
    }

    [Theory]
    [InlineData("ws://0.0.0.0:9001/")]
    [InlineData("ws://192.168.1.10:9001/")]
    [InlineData("ws://example.com/")]
    [InlineData("wss://[::]:9001/")]
    public void Listening_beyond_loopback_is_refused(string url)
    {
        var refused = Assert.Throws<ArgumentException>(() => WebSocketAddress.ParseListen(new Uri(url)));
        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws://127.0.0.1:0/")]
    [InlineData("ws://127.5.5.5:0/")]
    [InlineData("ws://localhost:0/")]
    [InlineData("ws://[::1]:0/")]
    [InlineData("ws+unix:///tmp/x.sock")]
    public void Loopback_and_unix_addresses_may_be_listened_on(string url)
    {
        _ = WebSocketAddress.ParseListen(new Uri(url));
    }
}
