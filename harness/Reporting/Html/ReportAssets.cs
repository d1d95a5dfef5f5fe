using System.Security.Cryptography;
using System.Text;

namespace Conformance.Harness.Reporting.Html;

/// <summary>
/// The report's own stylesheet and script (embedded resources, inlined so the file is self-contained), and the
/// Content-Security-Policy that lets only that script run: even if a target's text slipped past the encoder, a browser
/// would execute none of it.
/// </summary>
public static class ReportAssets
{
    public static string Style { get; } = Load("report.css");

    public static string Script { get; } = Load("report.js");

    public static string StyleTag => $"<style>{Style}</style>";

    public static string ScriptTag => $"<script>{Script}</script>";

    /// <summary>No network, no plugins, no frames; inline styles; only the report's own script, by its hash.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)))}'; base-uri 'none'; form-action 'none'";

    private static string Load(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream("wsconform.report." + name)
            ?? throw new InvalidOperationException($"the report asset {name} is missing from the wsconform assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
