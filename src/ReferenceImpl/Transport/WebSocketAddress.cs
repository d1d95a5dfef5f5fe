using System.Globalization;
using System.Net;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>How a <see cref="WebSocketAddress"/> is reached.</summary>
public enum TransportKind
{
    /// <summary>TCP to a host and port.</summary>
    Tcp,

    /// <summary>A Unix domain stream socket at a file path.</summary>
    Unix,
}

/// <summary>
/// A WebSocket URL taken apart. Schemes: <c>ws://host:port/resource</c> and <c>wss://...</c> (RFC 6455 3), plus
/// <c>ws+unix:///path/to.sock</c> and <c>wss+unix:///path/to.sock</c> for Unix domain sockets. The Unix form follows
/// the convention of node's <c>ws</c>: the URL path up to the first ':' is the socket file, what follows it is the
/// resource name (request-target), e.g. <c>ws+unix:///run/echo.sock:/chat?room=1</c>; without ':' the resource is "/".
/// </summary>
public sealed record WebSocketAddress
{
    private WebSocketAddress(Uri uri, TransportKind kind, bool secure, string host, int port, string? unixPath, string resource)
    {
        Uri = uri;
        Kind = kind;
        IsSecure = secure;
        Host = host;
        Port = port;
        UnixPath = unixPath;
        Resource = resource;
    }

    /// <summary>The URL as given.</summary>
    public Uri Uri { get; }

    public TransportKind Kind { get; }

    /// <summary>True for wss and wss+unix: TLS over the transport (RFC 6455 3: "secure" flag).</summary>
    public bool IsSecure { get; }

    /// <summary>The host (for Unix sockets "localhost"), without IPv6 brackets.</summary>
    public string Host { get; }

    /// <summary>The TCP port; 80/443 when the URL names none (RFC 6455 3); 0 for Unix sockets.</summary>
    public int Port { get; }

    /// <summary>The socket file of a Unix domain socket address.</summary>
    public string? UnixPath { get; }

    /// <summary>The resource name sent in the request line: path and query (RFC 6455 3), at least "/".</summary>
    public string Resource { get; }

    /// <summary>The Host header value: host, with ":port" when it is not the scheme's default (RFC 6455 4.1 item 4).</summary>
    public string HostHeader
    {
        get
        {
            var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
            var defaultPort = IsSecure ? 443 : 80;
            return Kind == TransportKind.Unix || Port == defaultPort ? host : $"{host}:{Port.ToString(CultureInfo.InvariantCulture)}";
        }
    }

    /// <summary>Parses a ws, wss, ws+unix or wss+unix URL.</summary>
    /// <exception cref="ArgumentException">The scheme is not one of these, the URL has a fragment (RFC 6455 3), or a Unix URL names no socket path.</exception>
    public static WebSocketAddress Parse(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{uri}' is not an absolute URL; use ws://host:port/, wss://host:port/ or ws+unix:///path/to.sock", nameof(uri));
        }

        // RFC 6455 3: fragment identifiers MUST NOT be used in WebSocket URIs.
        if (uri.Fragment.Length > 0)
        {
            throw new ArgumentException($"'{uri}' has a fragment; RFC 6455 3 does not allow one in a WebSocket URL", nameof(uri));
        }

        switch (uri.Scheme)
        {
            case "ws":
            case "wss":
                var secure = uri.Scheme == "wss";
                var host = uri.Host.Trim('[', ']');
                var resource = string.IsNullOrEmpty(uri.PathAndQuery) ? "/" : uri.PathAndQuery;
                // RFC 6455 3: the port defaults to 80 for ws and 443 for wss.
                var port = uri.IsDefaultPort ? (secure ? 443 : 80) : uri.Port;
                return new WebSocketAddress(uri, TransportKind.Tcp, secure, host, port, null, resource);
            case "ws+unix":
            case "wss+unix":
                return ParseUnix(uri, uri.Scheme == "wss+unix");
            default:
                throw new ArgumentException($"'{uri}' has scheme '{uri.Scheme}'; use ws, wss, ws+unix or wss+unix", nameof(uri));
        }
    }

    /// <summary>
    /// Parses a URL a server may listen on: like <see cref="Parse"/>, but a TCP host must be a loopback address
    /// (127.0.0.0/8, ::1) or "localhost", so nothing listens beyond this machine.
    /// </summary>
    /// <exception cref="ArgumentException">The URL cannot be parsed, or names a host that is not loopback.</exception>
    public static WebSocketAddress ParseListen(Uri uri)
    {
        var address = Parse(uri);
        if (address.Kind == TransportKind.Tcp)
        {
            _ = address.ResolveLoopback();
        }

        return address;
    }

    /// <summary>The IP address to bind for a TCP listen address; "localhost" is 127.0.0.1.</summary>
    /// <exception cref="ArgumentException">The host is neither localhost nor a loopback IP literal.</exception>
    public IPAddress ResolveLoopback()
    {
        if (string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip))
        {
            return ip;
        }

        throw new ArgumentException($"refusing to listen on '{Host}': only loopback addresses (127.0.0.1, ::1) or localhost are allowed");
    }

    private static WebSocketAddress ParseUnix(Uri uri, bool secure)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var resource = "/";
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            resource = path[(colon + 1)..];
            path = path[..colon];
            if (resource.Length == 0 || resource[0] != '/')
            {
                resource = "/" + resource;
            }
        }

        resource += uri.Query;
        if (path.Length == 0 || path == "/")
        {
            throw new ArgumentException($"'{uri}' names no socket file; use {uri.Scheme}:///path/to.sock[:/resource]", nameof(uri));
        }

        if (uri.Host.Length > 0 && !string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{uri}' has host '{uri.Host}'; a Unix socket URL has none: {uri.Scheme}:///path/to.sock", nameof(uri));
        }

        return new WebSocketAddress(uri, TransportKind.Unix, secure, "localhost", 0, path, resource);
    }
}
