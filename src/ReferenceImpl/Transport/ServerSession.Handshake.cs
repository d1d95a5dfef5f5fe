using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>The opening handshake of a session: TLS, the request head, the answer.</summary>
internal sealed partial class ServerSession
{
    /// <summary>TLS, then reads the request head and answers it (RFC 6455 4.2). True when the connection is open.</summary>
    private async Task<bool> HandshakeAsync()
    {
        if (_shutdownRequested || _evicted)
        {
            return false;
        }

        // The whole opening handshake, TLS included, must finish within HandshakeTimeout (the clock started at accept).
        // From here on the wait is on the client: it may be evicted for slowness (ConnectionAdmission).
        var token = _deadline.ReadToken;
        StartWaiting();
        byte[]? buffer = null;
        try
        {
            _stream = await OpenStreamAsync(token);
            if (_stream is null)
            {
                return false;
            }

            var filled = 0;
            while (true)
            {
                if (buffer is null)
                {
                    // A connection that has sent nothing yet holds no buffer; once bytes came, it holds one until its
                    // head is complete (MaxPendingHandshakes bounds how many do).
                    await _stream.WaitForDataAsync(token);
                    buffer = ArrayPool<byte>.Shared.Rent(_options.HandshakeLimits.MaxHeadBytes);
                }

                // The buffer holds at least MaxHeadBytes, so it is never full while the head may still end in it.
                var read = await _stream.ReadAsync(buffer.AsMemory(filled), token);
                if (read == 0)
                {
                    TransportLog.HandshakeEof(_logger, _id);
                    return false;
                }

                filled += read;
                switch (HttpHeadReader.TryFindEnd(buffer.AsSpan(0, filled), _options.HandshakeLimits, out var headLength))
                {
                    case HeadReadStatus.NeedMoreData:
                        continue;
                    case HeadReadStatus.TooLarge:
                        // RFC 6585 5: a head beyond the limit is answered 431.
                        var tooLarge = $"The request head exceeds {_options.HandshakeLimits.MaxHeadBytes} bytes (RFC 6585 5).";
                        TransportLog.HandshakeRejected(_logger, _id, 431, tooLarge);
                        await _stream.WriteAsync(PlainResponses.Create(431, "Request Header Fields Too Large", tooLarge), _deadline.WriteToken());
                        return false;
                    default:
                        if (!_settings.Admission.LeavePending(this))
                        {
                            // Evicted just as its head completed: it is dropped all the same.
                            TransportLog.HandshakeEvicted(_logger, _id, _options.MaxPendingHandshakes);
                            return false;
                        }

                        return await AnswerAsync(buffer, headLength, filled);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            if (_evicted)
            {
                TransportLog.HandshakeEvicted(_logger, _id, _options.MaxPendingHandshakes);
            }
            else if (!_shutdownRequested)
            {
                TransportLog.HandshakeTimedOut(_logger, _id, _options.HandshakeTimeout);
            }

            return false;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task<Stream?> OpenStreamAsync(CancellationToken token)
    {
        var network = new NetworkStream(_socket, ownsSocket: false);
        if (_settings.Certificate is not { } certificate)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate, ClientCertificateRequired = false }, token);
            return ssl;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            TransportLog.TlsFailed(_logger, _id, exception.Message);
            await ssl.DisposeAsync();
            return null;
        }
    }

    /// <summary>Answers a complete head: 101 and the connection opens, or an HTTP error (or 503 at the connection limit).</summary>
    private async Task<bool> AnswerAsync(byte[] buffer, int headLength, int filled)
    {
        var stream = _stream!;
        var result = ServerHandshake.Evaluate(buffer.AsSpan(0, headLength), _settings.Handshake);
        if (result is ServerHandshakeResult.Accepted && !_settings.Admission.TryOpen())
        {
            // The limit was reached while this handshake was under way: the request is answered 503 (RFC 9110 15.6.4).
            TransportLog.TooManyConnections(_logger, _id, _settings.Admission.Open, _options.MaxConnections);
            await stream.WriteAsync(PlainResponses.Busy, _deadline.WriteToken());
            return false;
        }

        _holdsSlot = result is ServerHandshakeResult.Accepted;
        await stream.WriteAsync(result.ResponseBytes, _deadline.WriteToken());
        if (result is ServerHandshakeResult.Rejected rejected)
        {
            // RFC 6455 4.2.1: a request that is not a valid handshake gets an HTTP error and the connection closes.
            TransportLog.HandshakeRejected(_logger, _id, rejected.StatusCode, rejected.Reason);
            return false;
        }

        var accepted = (ServerHandshakeResult.Accepted)result;
        var deflate = PerMessageDeflateParameters.FromServerResponse(accepted.AcceptedExtensions);
        TransportLog.Opened(_logger, _id, _socket, accepted, deflate);
        // RFC 7692 7.1: the response's parameters are what the connection compresses and inflates with.
        // Messages are kept in pooled buffers and echoed from there (KeptMessageConsumer): no copy per echo.
        _kept = new KeptMessageConsumer(_options.ConnectionOptions.MaxMessageSize);
        var connection = new WebSocketConnection(_options.ConnectionOptions with { Role = Role.Server, PerMessageDeflate = deflate, MessageSink = () => _kept });
        _connection = connection;
        _deadline.Open();
        // Bytes after the head in the same read are the first WebSocket bytes (RFC 6455 4.2.2: sent after the 101).
        Process(buffer.AsSpan(headLength, filled - headLength));
        await FlushAsync();
        return true;
    }
}
