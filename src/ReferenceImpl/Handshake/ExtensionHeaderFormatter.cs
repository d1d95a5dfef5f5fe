using System.Text;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>Writes extensions as a Sec-WebSocket-Extensions value (RFC 6455 9.1).</summary>
public static class ExtensionHeaderFormatter
{
    /// <summary>Writes "name; param=value; flag, next" for the extensions in order.</summary>
    /// <exception cref="ArgumentException">A name or value is not a token, so no valid header can carry it (RFC 6455 9.1).</exception>
    public static string Format(IEnumerable<ExtensionOffer> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var builder = new StringBuilder();
        foreach (var extension in extensions)
        {
            // RFC 6455 9.1: extension names, parameter names and (unquoted) values are tokens.
            RequireToken(extension.Name, "extension name", nameof(extensions));
            foreach (var parameter in extension.Parameters)
            {
                RequireToken(parameter.Name, $"parameter name of extension \"{extension.Name}\"", nameof(extensions));
                if (parameter.Value is not null)
                {
                    RequireToken(parameter.Value, $"value of parameter \"{parameter.Name}\"", nameof(extensions));
                }
            }

            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            Append(builder, extension);
        }

        return builder.ToString();
    }

    /// <summary>Appends one element without checking it (for display).</summary>
    internal static void Append(StringBuilder builder, ExtensionOffer extension)
    {
        builder.Append(extension.Name);
        foreach (var parameter in extension.Parameters)
        {
            builder.Append("; ").Append(parameter.Name);
            if (parameter.Value is not null)
            {
                builder.Append('=').Append(parameter.Value);
            }
        }
    }

    private static void RequireToken(string text, string what, string parameterName)
    {
        if (!HttpSyntax.IsToken(text))
        {
            throw new ArgumentException($"The {what} \"{text}\" is not a token (RFC 6455 9.1).", parameterName);
        }
    }
}
