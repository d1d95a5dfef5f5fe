using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.Harness.Running.Machine;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Running;

/// <summary>
/// Runs one case on a fresh connection: connect, opening handshake (with the case's edits), then the steps against the
/// peer, and returns what happened. Never throws for anything the target does; every case returns within its bounds
/// (<see cref="RunOptions.CaseTimeout"/> or what the case's own waits need).
/// </summary>
public sealed class CaseRunner
{
    public CaseRunner(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public RunOptions Options { get; }

    /// <summary>Runs the case. Cancelling returns promptly with <see cref="Observation.Cancelled"/> set.</summary>
    public async Task<Observation> RunAsync(CaseDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var started = Options.Time.GetTimestamp();
        TimeSpan Elapsed() => Options.Time.GetElapsedTime(started);
        var wire = new WireLog(Elapsed);
        var observation = await BoundedCase.RunAsync(
            definition,
            Options,
            wire,
            Elapsed,
            new Observation { CaseId = definition.Id, Wire = [] },
            (observation, hardCap) => RunCoreAsync(definition, wire, observation, Elapsed, hardCap),
            cancellationToken);
        if (definition.Survives is { } survives && !observation.Cancelled && observation.ConnectError is null)
        {
            var survival = await SurvivalProbe.CheckAsync(this, survives, observation, cancellationToken);
            observation = observation with { Survival = survival, Cancelled = cancellationToken.IsCancellationRequested };
        }

        return observation;
    }

    private async Task<Observation> RunCoreAsync(CaseDefinition definition, WireLog wire, Observation observation, Func<TimeSpan> elapsed, CancellationToken hardCap)
    {
        WebSocketAddress address;
        try
        {
            address = WebSocketAddress.Parse(Options.Target);
        }
        catch (ArgumentException exception)
        {
            return observation with { ConnectError = exception.Message };
        }

        var spec = definition.Handshake;
        var request = HandshakeRequestBuilder.Build(address, Options, spec);
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(hardCap);
        opening.CancelAfter(Options.OpenHandshakeTimeout);
        TargetConnection connection;
        try
        {
            connection = await TargetConnection.OpenAsync(address, Options, opening.Token);
        }
        catch (Exception exception) when (exception is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            var error = exception is OperationCanceledException ? $"no connection within {Options.OpenHandshakeTimeout.TotalSeconds:0.#} s" : exception.Message;
            wire.Add(new TcpEntry(TcpEventKind.ConnectFailed, error));
            hardCap.ThrowIfCancellationRequested();
            return observation with { ConnectError = $"cannot connect to {Options.Target}: {error}" };
        }

        await using (connection)
        {
            wire.Add(new TcpEntry(TcpEventKind.Connected, address.Kind == TransportKind.Unix ? address.UnixPath : $"{address.Host}:{address.Port}"));
            if (address.IsSecure)
            {
                wire.Add(new TcpEntry(TcpEventKind.TlsEstablished));
            }

            var requestText = Encoding.Latin1.GetString(request.Bytes);
            wire.Add(new HandshakeEntry(WireDirection.Sent, requestText));
            var (withRequest, firstStep) = spec?.FramesWithRequest == true ? LeadingWrites(definition, wire) : ([], 0);
            var outcome = await HandshakeExchange.RunAsync(connection, request, spec, withRequest, wire, opening.Token);
            hardCap.ThrowIfCancellationRequested();
            observation = observation with
            {
                HandshakeRequest = requestText,
                HandshakeResponse = outcome.Head,
                Response = outcome.Response,
                HandshakeValidation = outcome.Validation,
                HandshakeError = outcome.Error,
                HandshakeDuration = elapsed(),
            };
            if (outcome.Error is not null || outcome.Response is null)
            {
                return observation;
            }

            var expected = spec?.ExpectStatus ?? [101];
            if (outcome.Response.StatusCode != 101 || !expected.Contains(101))
            {
                await AfterHandshakeAsync(connection, outcome, wire, hardCap);
                return observation;
            }

            // A survives case (a fuzzed input) sends its frames whatever the server answered: what it answers is not judged.
            if (outcome.Validation is ClientHandshakeResult.Failed failed && definition.Survives is null)
            {
                // RFC 6455 4.1: a response that breaks the handshake rules fails the connection.
                wire.Add(new TcpEntry(TcpEventKind.Dropped, "the opening handshake failed"));
                return observation with { HandshakeError = failed.Reason };
            }

            var accepted = outcome.Validation as ClientHandshakeResult.Accepted;
            var rsvBits = accepted is null ? 0 : ExtensionRsvBits(accepted.Extensions);

            // RFC 7692 5: a case that needs permessage-deflate is UNIMPLEMENTED when the server does not accept it (Autobahn 12/13).
            var deflate = accepted?.PerMessageDeflate;
            var declined = spec?.Deflate is { IfDeclined: DeflateDeclined.Unimplemented } && deflate is null;
            if (deflate is not null)
            {
                wire.Add(new NoteEntry($"permessage-deflate agreed: {deflate}"));
            }

            var settings = MachineSettings.For(Options, Role.Client) with
            {
                NegotiatedRsvBits = rsvBits,
                Deflate = deflate,
                DeflateDeclined = declined,
                FirstStep = firstStep,
            };
            using var machine = new CaseMachine(definition, settings, wire);
            await CaseDriver.RunAsync(machine, connection, outcome.After, Options.Time, elapsed, hardCap);
            return machine.Complete(observation with { HandshakeCompleted = true, NegotiatedRsvBits = rsvBits, Deflate = deflate, DeflateDeclined = declined });
        }
    }

    // RFC 7692 6: permessage-deflate uses RSV1; another extension may define any RSV bit, so none is judged then.
    private static int ExtensionRsvBits(IReadOnlyList<ExtensionOffer> extensions) =>
        extensions.Aggregate(0, (bits, extension) => bits | (string.Equals(extension.Name, "permessage-deflate", StringComparison.OrdinalIgnoreCase) ? 4 : 7));

    /// <summary>The steps' first writes, to go in the same write as the request (HandshakeSpec.FramesWithRequest).</summary>
    private static (byte[] Bytes, int Count) LeadingWrites(CaseDefinition definition, WireLog wire)
    {
        var bytes = new List<byte>();
        var count = 0;
        foreach (var step in definition.Steps)
        {
            IReadOnlyList<FrameSpec>? frames = step switch
            {
                SendFrameStep send => [send.Frame],
                SendFramesStep send => send.Frames,
                _ => null,
            };
            if (frames is not null)
            {
                foreach (var frame in frames)
                {
                    var (header, wireBytes) = FrameBytes.Build(frame);
                    wire.Add(new FrameEntry(WireDirection.Sent, header, wireBytes[..header.Size], frame.Payload));
                    bytes.AddRange(wireBytes);
                }
            }
            else if (step is SendRawStep raw)
            {
                wire.Add(new RawEntry(WireDirection.Sent, raw.Bytes, "raw bytes"));
                bytes.AddRange(raw.Bytes);
            }
            else
            {
                break;
            }

            count++;
        }

        return ([.. bytes], count);
    }

    /// <summary>A handshake case ends at the response: close politely (a close frame if the server accepted), FIN, and drain briefly.</summary>
    private async Task AfterHandshakeAsync(TargetConnection connection, HandshakeOutcome outcome, WireLog wire, CancellationToken hardCap)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(hardCap);
        bound.CancelAfter(Options.ServerDropTimeout);
        var received = new List<byte>(outcome.After);
        try
        {
            if (outcome.Response!.StatusCode == 101)
            {
                var close = FrameBytes.Close(CloseCode.NormalClosure, "");
                var (header, bytes) = FrameBytes.Build(close);
                wire.Add(new FrameEntry(WireDirection.Sent, header, bytes[..header.Size], close.Payload));
                await connection.Stream.WriteAsync(bytes, bound.Token);
            }

            wire.Add(new TcpEntry(TcpEventKind.SentFin));
            await connection.ShutdownSendAsync(bound.Token);
            var chunk = new byte[4096];
            int read;
            while ((read = await connection.Stream.ReadAsync(chunk, bound.Token)) > 0 && received.Count < 1 << 20)
            {
                received.AddRange(chunk.AsSpan(0, read));
            }

            wire.Add(new TcpEntry(TcpEventKind.PeerEof));
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            wire.Add(new TcpEntry(TcpEventKind.Dropped, exception is OperationCanceledException ? "the peer kept the connection open" : exception.Message));
        }

        if (received.Count > 0)
        {
            wire.Add(new RawEntry(WireDirection.Received, [.. received], "after the response head"));
        }
    }
}
