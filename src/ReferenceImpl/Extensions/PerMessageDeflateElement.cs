using System.Diagnostics.CodeAnalysis;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// The parameters of one permessage-deflate element of Sec-WebSocket-Extensions, an offer or a response, checked
/// against RFC 7692 7.1: known names only, each at most once, each with a valid value (or none, as its rule says).
/// </summary>
public sealed record PerMessageDeflateElement
{
    /// <summary>server_no_context_takeover is present (RFC 7692 7.1.1.1).</summary>
    public bool ServerNoContextTakeover { get; init; }

    /// <summary>client_no_context_takeover is present (RFC 7692 7.1.1.2).</summary>
    public bool ClientNoContextTakeover { get; init; }

    /// <summary>The value of server_max_window_bits, or null when absent (RFC 7692 7.1.2.1).</summary>
    public int? ServerMaxWindowBits { get; init; }

    /// <summary>client_max_window_bits is present, with or without a value (RFC 7692 7.1.2.2).</summary>
    public bool HasClientMaxWindowBits { get; init; }

    /// <summary>The value of client_max_window_bits, or null when absent or given without a value.</summary>
    public int? ClientMaxWindowBits { get; init; }

    /// <summary>Reads the parameters of <paramref name="element"/>, an offer (<paramref name="isResponse"/> false) or a response.</summary>
    /// <param name="element">A permessage-deflate element.</param>
    /// <param name="isResponse">True for a server's response, whose client_max_window_bits needs a value.</param>
    /// <param name="parsed">The parameters, when valid.</param>
    /// <param name="problem">What breaks RFC 7692 7.1, when invalid: a server declines such an offer, a client fails on such a response.</param>
    public static bool TryParse(ExtensionOffer element, bool isResponse, [NotNullWhen(true)] out PerMessageDeflateElement? parsed, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(element);
        parsed = null;
        var result = new PerMessageDeflateElement();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in element.Parameters)
        {
            // RFC 7692 7.1: an element with two parameters of the same name is declined (offer) or fails the connection (response).
            if (!seen.Add(parameter.Name))
            {
                problem = $"RFC 7692 7.1: the parameter \"{parameter.Name}\" appears more than once";
                return false;
            }

            switch (parameter.Name)
            {
                case PerMessageDeflate.ServerNoContextTakeover:
                case PerMessageDeflate.ClientNoContextTakeover:
                    // RFC 7692 7.1.1.1 / 7.1.1.2: these parameters have no value.
                    if (parameter.Value is not null)
                    {
                        problem = $"RFC 7692 7.1.1: \"{parameter.Name}\" has no value, but \"{parameter.Value}\" was given";
                        return false;
                    }

                    result = parameter.Name == PerMessageDeflate.ServerNoContextTakeover
                        ? result with { ServerNoContextTakeover = true }
                        : result with { ClientNoContextTakeover = true };
                    break;
                case PerMessageDeflate.ServerMaxWindowBits:
                    // RFC 7692 7.1.2.1: a value 8..15 is required, in an offer and in a response.
                    if (!WindowBits.TryParse(parameter.Value, out var serverBits))
                    {
                        problem = $"RFC 7692 7.1.2.1: \"{parameter.Name}\" needs a decimal value 8 to 15 without leading zeroes, got {Show(parameter.Value)}";
                        return false;
                    }

                    result = result with { ServerMaxWindowBits = serverBits };
                    break;
                case PerMessageDeflate.ClientMaxWindowBits:
                    // RFC 7692 7.1.2.2: an offer may give no value; a value, when given (and always in a response), is 8..15.
                    int? clientBits = null;
                    if (parameter.Value is not null || isResponse)
                    {
                        if (!WindowBits.TryParse(parameter.Value, out var bits))
                        {
                            problem = $"RFC 7692 7.1.2.2: \"{parameter.Name}\" {(isResponse ? "in a response needs" : "takes")} a decimal value 8 to 15 without leading zeroes, got {Show(parameter.Value)}";
                            return false;
                        }

                        clientBits = bits;
                    }

                    result = result with { HasClientMaxWindowBits = true, ClientMaxWindowBits = clientBits };
                    break;
                default:
                    // RFC 7692 7.1: a parameter not defined for use in an offer (or response) is refused.
                    problem = $"RFC 7692 7.1: \"{parameter.Name}\" is not a permessage-deflate parameter";
                    return false;
            }
        }

        parsed = result;
        problem = null;
        return true;
    }

    /// <summary>The element as it goes into Sec-WebSocket-Extensions, parameters in the RFC's order.</summary>
    public ExtensionOffer ToExtension()
    {
        var parameters = new List<ExtensionParameter>();
        if (ServerNoContextTakeover)
        {
            parameters.Add(new(PerMessageDeflate.ServerNoContextTakeover, null));
        }

        if (ClientNoContextTakeover)
        {
            parameters.Add(new(PerMessageDeflate.ClientNoContextTakeover, null));
        }

        if (ServerMaxWindowBits is { } serverBits)
        {
            parameters.Add(new(PerMessageDeflate.ServerMaxWindowBits, WindowBits.Format(serverBits)));
        }

        if (HasClientMaxWindowBits)
        {
            parameters.Add(new(PerMessageDeflate.ClientMaxWindowBits, ClientMaxWindowBits is { } clientBits ? WindowBits.Format(clientBits) : null));
        }

        return new ExtensionOffer(PerMessageDeflate.ExtensionName, parameters);
    }

    private static string Show(string? value) => value is null ? "no value" : $"\"{value}\"";
}
