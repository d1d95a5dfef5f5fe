using System.CommandLine;
using System.Net.Sockets;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;
using Microsoft.Extensions.Logging;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform serve</c>: runs the reference echo server until Ctrl-C or SIGTERM, then shuts down with 1001.</summary>
public static class ServeCommand
{
    public const string DefaultListen = "ws://127.0.0.1:9001/";

    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Where to listen: ws://127.0.0.1:PORT/, wss://127.0.0.1:PORT/ or ws+unix:///path/to.sock (loopback only; port 0 picks one)",
            DefaultValueFactory = _ => DefaultListen,
        };
        var cert = new Option<FileInfo?>("--cert") { Description = "PEM certificate for wss (with --key); without it wss uses a generated self-signed certificate" };
        var key = new Option<FileInfo?>("--key") { Description = "PEM private key for --cert" };
        var maxMessageSize = new Option<long>("--max-message-size")
        {
            Description = "Largest message (and frame) accepted, in bytes; larger ones are refused with close 1009",
            DefaultValueFactory = _ => ConnectionOptions.DefaultMaxMessageSize,
        };
        var subprotocols = new Option<string[]>("--subprotocol")
        {
            Description = "A subprotocol the server speaks, most preferred first (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var deflateLevel = new Option<int>("--deflate-level")
        {
            Description = "zlib level for the messages the server compresses: 1 (fastest) to 9 (smallest)",
            DefaultValueFactory = _ => ReferenceServerOptions.FastDeflateLevel,
        };
        deflateLevel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 9)
            {
                result.AddError("--deflate-level is 1 to 9");
            }
        });
        var noDeflate = new Option<bool>("--no-deflate")
        {
            Description = "Do not accept permessage-deflate (RFC 7692); by default a client's offer is accepted and messages are compressed",
        };
        var maxConnections = new Option<int>("--max-connections")
        {
            Description = "Open WebSocket connections served at once; a client beyond it is answered 503 Service Unavailable",
            DefaultValueFactory = _ => ReferenceServerOptions.DefaultMaxConnections,
        };
        var maxPendingHandshakes = new Option<int>("--max-pending-handshakes")
        {
            Description = "Connections still in their opening handshake; beyond it the oldest, once waited on for a second, is dropped to make room (slow clients cannot keep prompt ones out)",
            DefaultValueFactory = _ => ReferenceServerOptions.DefaultMaxPendingHandshakes,
        };
        var handshakeTimeout = DurationOption.Create("--handshake-timeout", "A client must complete TLS and its upgrade request within this", new ReferenceServerOptions().HandshakeTimeout);
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Trace, Debug, Information, Warning, Error, Critical or None",
            DefaultValueFactory = _ => LogLevel.Information,
        };

        var command = new Command("serve", "Run the reference WebSocket echo server (RFC 6455) until Ctrl-C or SIGTERM");
        command.Options.Add(listen);
        command.Options.Add(cert);
        command.Options.Add(key);
        command.Options.Add(maxMessageSize);
        command.Options.Add(subprotocols);
        command.Options.Add(noDeflate);
        command.Options.Add(deflateLevel);
        command.Options.Add(maxConnections);
        command.Options.Add(maxPendingHandshakes);
        command.Options.Add(handshakeTimeout);
        command.Options.Add(logLevel);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new ServeSettings(
                parseResult.GetValue(listen) ?? DefaultListen,
                parseResult.GetValue(cert),
                parseResult.GetValue(key),
                parseResult.GetValue(maxMessageSize),
                parseResult.GetValue(subprotocols) ?? [],
                parseResult.GetValue(logLevel))
            {
                NoDeflate = parseResult.GetValue(noDeflate),
                DeflateLevel = parseResult.GetValue(deflateLevel),
                MaxConnections = parseResult.GetValue(maxConnections),
                MaxPendingHandshakes = parseResult.GetValue(maxPendingHandshakes),
                HandshakeTimeout = parseResult.GetValue(handshakeTimeout),
            },
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> fires, then shuts it down gracefully.</summary>
    public static async Task<int> RunAsync(ServeSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryBuildOptions(settings, out var options, out var problem))
        {
            await error.WriteLineAsync($"wsconform serve: {problem}");
            return ExitCodes.UsageError;
        }

        using var loggerFactory = CliLogging.CreateFactory(settings.LogLevel);
        ReferenceServer server;
        try
        {
            server = await ReferenceServer.StartAsync(options, loggerFactory, cancellationToken);
        }
        catch (Exception exception) when (exception is ArgumentException or SocketException or IOException or System.Security.Cryptography.CryptographicException)
        {
            await error.WriteLineAsync($"wsconform serve: cannot listen on {settings.Listen}: {exception.Message}");
            return ExitCodes.UsageError;
        }

        await using (server)
        {
            await output.WriteLineAsync($"wsconform reference server listening on {server.Endpoint} (Ctrl-C to stop)");
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("wsconform serve: shutting down (closing open connections with 1001)");
            }
        }

        return ExitCodes.Success;
    }

    private static bool TryBuildOptions(ServeSettings settings, out ReferenceServerOptions options, out string problem)
    {
        options = new ReferenceServerOptions();
        problem = string.Empty;
        if (!Uri.TryCreate(settings.Listen, UriKind.Absolute, out var uri))
        {
            problem = $"--listen '{settings.Listen}' is not a URL; use ws://127.0.0.1:PORT/, wss://127.0.0.1:PORT/ or ws+unix:///path/to.sock";
            return false;
        }

        WebSocketAddress address;
        try
        {
            address = WebSocketAddress.ParseListen(uri);
        }
        catch (ArgumentException exception)
        {
            problem = $"--listen {exception.Message}";
            return false;
        }

        if (settings.Certificate is not null && !address.IsSecure)
        {
            problem = $"--cert and --key are for TLS; listen on a wss:// URL, not {uri}";
            return false;
        }

        if ((settings.Certificate is null) != (settings.Key is null))
        {
            problem = "--cert and --key go together: give both or neither";
            return false;
        }

        if (settings.Certificate is { Exists: false } || settings.Key is { Exists: false })
        {
            problem = $"no such file: {(settings.Certificate!.Exists ? settings.Key!.FullName : settings.Certificate.FullName)}";
            return false;
        }

        if (settings.MaxMessageSize < 1 || settings.MaxMessageSize > Array.MaxLength)
        {
            problem = $"--max-message-size must be between 1 and {Array.MaxLength} bytes";
            return false;
        }

        if (settings.MaxConnections < 1 || settings.MaxPendingHandshakes < 1)
        {
            problem = "--max-connections and --max-pending-handshakes must be at least 1";
            return false;
        }

        if (settings.HandshakeTimeout <= TimeSpan.Zero)
        {
            problem = "--handshake-timeout must be positive";
            return false;
        }

        options = new ReferenceServerOptions
        {
            Listen = uri,
            MaxConnections = settings.MaxConnections,
            MaxPendingHandshakes = settings.MaxPendingHandshakes,
            HandshakeTimeout = settings.HandshakeTimeout,
            CertificatePemPath = settings.Certificate?.FullName,
            KeyPemPath = settings.Key?.FullName,
            Subprotocols = settings.Subprotocols,
            PerMessageDeflate = settings.NoDeflate ? null : new(),
            // RFC 6455 7.4.1 (1009): the limit applies to a single frame and to a whole message.
            ConnectionOptions = new ConnectionOptions { Role = Role.Server, MaxMessageSize = settings.MaxMessageSize, DeflateLevel = settings.DeflateLevel },
        };
        return true;
    }
}

/// <summary>What <c>wsconform serve</c> was asked for.</summary>
public sealed record ServeSettings(string Listen, FileInfo? Certificate, FileInfo? Key, long MaxMessageSize, IReadOnlyList<string> Subprotocols, LogLevel LogLevel)
{
    /// <summary>Refuse permessage-deflate offers (<c>--no-deflate</c>).</summary>
    public bool NoDeflate { get; init; }

    /// <summary>zlib level of what the server compresses (<c>--deflate-level</c>).</summary>
    public int DeflateLevel { get; init; } = ReferenceServerOptions.FastDeflateLevel;

    /// <summary>Open connections served at once (<c>--max-connections</c>).</summary>
    public int MaxConnections { get; init; } = ReferenceServerOptions.DefaultMaxConnections;

    /// <summary>Connections in their opening handshake at once (<c>--max-pending-handshakes</c>).</summary>
    public int MaxPendingHandshakes { get; init; } = ReferenceServerOptions.DefaultMaxPendingHandshakes;

    /// <summary>Time for TLS and the upgrade request (<c>--handshake-timeout</c>).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = new ReferenceServerOptions().HandshakeTimeout;
}
