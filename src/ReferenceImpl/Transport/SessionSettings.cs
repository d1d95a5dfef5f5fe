using System.Security.Cryptography.X509Certificates;
using Conformance.ReferenceImpl.Handshake;
using Microsoft.Extensions.Logging;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>What every <see cref="ServerSession"/> of one <see cref="ReferenceServer"/> shares.</summary>
/// <param name="Options">The server's settings.</param>
/// <param name="Handshake">How the opening handshake is answered.</param>
/// <param name="Certificate">The TLS certificate for wss; null for ws.</param>
/// <param name="Admission">The bounds on pending handshakes and open connections.</param>
/// <param name="Logger">Where the sessions log.</param>
internal sealed record SessionSettings(ReferenceServerOptions Options, ServerHandshakeOptions Handshake, X509Certificate2? Certificate, ConnectionAdmission Admission, ILogger Logger);
