using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Conformance.Interop.Tests.Deflate;

/// <summary>
/// A logger factory for the reference server that keeps every message: the server logs each echoed message with how
/// it arrived ("inflated from N bytes" or "uncompressed"), which shows whether the peer client really compressed.
/// </summary>
public sealed partial class ServerLog : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The echoed messages as (length, compressed), in order.</summary>
    public IReadOnlyList<(int Length, bool Compressed)> EchoedMessages() =>
        [.. Lines.Select(line => Echo().Match(line)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups["length"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture), m.Groups["wire"].Value.StartsWith("inflated", StringComparison.Ordinal)))];

    public string Describe() => string.Join('\n', Lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    [GeneratedRegex(@"message, (?<length>\d+) bytes \((?<wire>[^)]*)\), echoed")]
    private static partial Regex Echo();

    private sealed class Logger(ServerLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._lines.Enqueue(formatter(state, exception));
    }
}
