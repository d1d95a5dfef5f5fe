using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.Harness.Running;
using Conformance.Harness.Running.Machine;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Serving;

/// <summary>
/// Runs one case with the harness as the server, on a connection a client under test opened: judges the client's
/// opening handshake request (RFC 6455 4.1), answers it (bent as the case asks), then hands the connection to the same
/// <see cref="CaseMachine"/> that tests servers, in the server role. Never throws for anything the client does.
/// </summary>
internal sealed class ClientCaseRunner(RunOptions options, string serverHeader)
{
    /// <summary>Runs the case on <paramref name="connection"/>, whose request head (and any bytes after it) was read already.</summary>
    public async Task<Observation> RunAsync(CaseDefinition definition, TargetConnection connection, AcceptedRequest request, CancellationToken cancellationToken)
    {
        var start = new Observation { CaseId = definition.Id, Wire = [], HarnessRole = Role.Server, HandshakeRequest = Encoding.Latin1.GetString(request.Head) };
        return await BoundedCase.RunAsync(
            definition,
            options,
            request.Wire,
            request.Elapsed,
            start,
            (observation, hardCap) => RunCoreAsync(definition, connection, request, observation, request.Elapsed, hardCap),
            cancellationToken);
    }

    private async Task<Observation> RunCoreAsync(CaseDefinition definition, TargetConnection connection, AcceptedRequest request, Observation observation, Func<TimeSpan> elapsed, CancellationToken hardCap)
    {
        var wire = request.Wire;
        var spec = definition.Handshake;
        var handshakeOptions = new ServerHandshakeOptions { ExtensionNegotiator = DeflateAnswer.For(spec?.Deflate), ServerHeader = serverHeader };
        var result = ServerHandshake.Evaluate(request.Head, handshakeOptions);
        if (result is ServerHandshakeResult.Rejected rejected)
        {
            // RFC 6455 4.1: the client's request breaks a rule every client MUST keep; the server refuses it (4.2.1).
            await WriteResponseAsync(connection, rejected.ResponseBytes, wire, hardCap);
            wire.Add(new TcpEntry(TcpEventKind.Dropped, "the request was refused"), elapsed());
            return observation with
            {
                ClientRequestError = $"{rejected.Rule}: {rejected.Reason}",
                HandshakeResponse = Encoding.Latin1.GetString(rejected.ResponseBytes.Span),
                Response = ParseResponse(rejected.ResponseBytes.Span),
                HandshakeDuration = elapsed(),
            };
        }

        var accepted = (ServerHandshakeResult.Accepted)result;
        var key = accepted.Request.Headers.GetValues("Sec-WebSocket-Key")[0];
        var edits = spec?.Response;
        var responseBytes = edits is null ? accepted.ResponseBytes : ResponseEditor.Apply(accepted.ResponseBytes.Span, edits, AcceptKey.Compute(key));

        // A bent response agrees to nothing the harness could keep to: it sends plainly.
        var deflate = edits is null ? PerMessageDeflateParameters.FromServerResponse(accepted.AcceptedExtensions) : null;
        var declined = edits is null && spec?.Deflate is { IfDeclined: DeflateDeclined.Unimplemented } && deflate is null;
        await WriteResponseAsync(connection, responseBytes, wire, hardCap);
        if (deflate is not null)
        {
            wire.Add(new NoteEntry($"permessage-deflate agreed: {deflate}"), elapsed());
        }

        observation = observation with
        {
            HandshakeResponse = Encoding.Latin1.GetString(responseBytes.Span),
            Response = ParseResponse(responseBytes.Span),
            HandshakeDuration = elapsed(),
            HandshakeCompleted = true,
            NegotiatedRsvBits = deflate is null ? 0 : 4,
            Deflate = deflate,
            DeflateDeclined = declined,
        };
        var settings = MachineSettings.For(options, Role.Server) with
        {
            NegotiatedRsvBits = observation.NegotiatedRsvBits,
            Deflate = deflate,
            DeflateDeclined = declined,
        };
        using var machine = new CaseMachine(definition, settings, wire);
        await CaseDriver.RunAsync(machine, connection, request.After, options.Time, elapsed, hardCap);
        return machine.Complete(observation);
    }

    private static async Task WriteResponseAsync(TargetConnection connection, ReadOnlyMemory<byte> bytes, WireLog wire, CancellationToken cancellationToken)
    {
        wire.Add(new HandshakeEntry(WireDirection.Sent, Encoding.Latin1.GetString(bytes.Span)));
        await connection.Stream.WriteAsync(bytes, cancellationToken);
    }

    private static HandshakeResponse? ParseResponse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return HandshakeResponseParser.Parse(bytes, HandshakeLimits.Default);
        }
        catch (HandshakeException)
        {
            return null;
        }
    }
}

/// <summary>A client's request head as the server read it, the bytes that came after it, and the case's clock and wire log so far.</summary>
internal sealed record AcceptedRequest(byte[] Head, byte[] After, WireLog Wire, Func<TimeSpan> Elapsed);
