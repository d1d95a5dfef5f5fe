namespace Conformance.Harness.Benchmarking;

/// <summary>A server to measure: its URL and the short name tables and charts show.</summary>
public sealed record BenchTarget(string Name, Uri Url)
{
    /// <summary>The server's process id, when known (<c>--pid</c>, or the reference server bench started): its CPU per echo is reported.</summary>
    public int? Pid { get; init; }

    /// <summary>Reads <c>NAME=URL</c> or a bare URL (named by its host and port, or the socket file's name).</summary>
    /// <exception cref="FormatException">Not a ws, wss or ws+unix URL.</exception>
    public static BenchTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var schemeAt = text.IndexOf("://", StringComparison.Ordinal);
        string? name = null;
        var url = text;
        if (equals > 0 && (schemeAt < 0 || equals < schemeAt))
        {
            name = text[..equals];
            url = text[(equals + 1)..];
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss" or "ws+unix"))
        {
            throw new FormatException($"'{text}' is not a target: give ws://HOST:PORT/PATH, wss://..., ws+unix:///path.sock, optionally as NAME=URL");
        }

        return new BenchTarget(name ?? DefaultName(uri), uri);
    }

    private static string DefaultName(Uri uri) => uri.Scheme == "ws+unix" ? Path.GetFileName(uri.AbsolutePath) : $"{uri.Host}:{uri.Port}";
}
