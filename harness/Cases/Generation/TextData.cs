using System.Globalization;
using System.Text;

namespace Conformance.Harness.Cases.Generation;

/// <summary>The text data sets: JSON and HTML (ASCII, so any slice is valid UTF-8 text) and German prose (UTF-8).</summary>
internal static class TextData
{
    private static readonly string[] Agents = ["AutobahnPython/0.6.0", "Chrome/29.0.1547.57", "Firefox/24.0", "wsconform/1.0", "Tornado/6.4", "ws/8.18.0"];
    private static readonly string[] Behaviors = ["OK", "OK", "OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"];
    private static readonly string[] Words = ["the", "frame", "message", "peer", "close", "handshake", "payload", "fragment", "server", "client", "echo", "octets", "text", "binary", "compressed", "window", "context", "takeover", "extension", "negotiation", "connection", "masking", "opcode", "length"];
    private static readonly string[] German = ["Habe", "nun", "ach", "Philosophie", "Juristerei", "und", "Medizin", "leider", "auch", "Theologie", "durchaus", "studiert", "mit", "heißem", "Bemühn", "Da", "steh", "ich", "armer", "Tor", "bin", "so", "klug", "als", "wie", "zuvor", "Geist", "Natur", "über", "schön", "Größe", "Wölbung", "Mädchen", "Blüte", "Gefühl", "träumt", "Welt", "Nacht", "Himmel", "Erde", "der", "die", "das", "nicht", "Herz", "Augenblick", "verweile", "doch", "du", "bist"];
    private static readonly string[] Speakers = ["FAUST", "MEPHISTOPHELES", "WAGNER", "GRETCHEN", "MARTHE", "CHOR DER ENGEL", "DER HERR", "SCHÜLER"];

    public static byte[] Json(int length, SeededRandom random)
    {
        var text = new StringBuilder(length + 256).Append("{\n");
        var agent = 0;
        while (text.Length < length)
        {
            text.Append("   \"").Append(Agents[agent++ % Agents.Length]).Append("\": {\n");
            for (var i = 0; i < 60 && text.Length < length; i++)
            {
                var id = $"{1 + random.Below(13)}.{1 + random.Below(9)}.{1 + random.Below(20)}";
                text.Append("      \"").Append(id).Append("\": {\n")
                    .Append("         \"behavior\": \"").Append(random.Pick(Behaviors)).Append("\",\n")
                    .Append("         \"behaviorClose\": \"").Append(random.Pick(Behaviors)).Append("\",\n")
                    .Append("         \"duration\": ").Append(random.Below(5000).ToString(CultureInfo.InvariantCulture)).Append(",\n")
                    .Append("         \"remoteCloseCode\": ").Append((1000 + random.Below(12)).ToString(CultureInfo.InvariantCulture)).Append(",\n")
                    .Append("         \"reportfile\": \"").Append(Agents[agent % Agents.Length].Replace('/', '_').Replace('.', '_').ToLowerInvariant())
                    .Append("_case_").Append(id.Replace('.', '_')).Append(".json\"\n      },\n");
            }

            text.Append("   },\n");
        }

        return Cut(text, length);
    }

    public static byte[] Html(int length, SeededRandom random)
    {
        var text = new StringBuilder(length + 256)
            .Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\"/>\n<title>WebSocket conformance report</title>\n")
            .Append("<style>\nbody { font-family: sans-serif; } .case_ok { background-color: #0a0; } .case_failed { background-color: #900; }\n</style>\n</head>\n<body>\n");
        var n = 0;
        while (text.Length < length)
        {
            n++;
            var id = $"{1 + random.Below(13)}_{1 + random.Below(9)}_{n}";
            text.Append("<div class=\"case\">\n<h2 id=\"case_").Append(id).Append("\">Case ").Append(id.Replace('_', '.')).Append("</h2>\n<p class=\"case_desc\">");
            for (var w = 0; w < 20 + random.Below(40); w++)
            {
                text.Append(random.Pick(Words)).Append(' ');
            }

            text.Append("</p>\n<table>\n<tr><td class=\"case_").Append(random.Below(4) == 0 ? "failed" : "ok").Append("\">")
                .Append(random.Pick(Behaviors)).Append("</td><td>").Append(random.Below(2000).ToString(CultureInfo.InvariantCulture)).Append(" ms</td></tr>\n</table>\n</div>\n");
        }

        return Cut(text, length);
    }

    public static byte[] Prose(int length, SeededRandom random)
    {
        var text = new StringBuilder(length + 256).Append("Faust: Der Tragödie erster Teil\n\n");
        var bytes = Encoding.UTF8.GetByteCount(text.ToString());
        while (bytes < length)
        {
            var start = text.Length;
            text.Append(random.Pick(Speakers)).Append(":\n");
            for (var line = 0; line < 2 + random.Below(8); line++)
            {
                for (var w = 0; w < 4 + random.Below(6); w++)
                {
                    text.Append(w == 0 ? string.Empty : " ").Append(random.Pick(German));
                }

                text.Append(random.Below(3) == 0 ? "!\n" : ",\n");
            }

            text.Append('\n');
            bytes += Encoding.UTF8.GetByteCount(text.ToString(start, text.Length - start));
        }

        var all = Encoding.UTF8.GetBytes(text.ToString());
        return all[..length];
    }

    private static byte[] Cut(StringBuilder text, int length) => Encoding.ASCII.GetBytes(text.ToString(0, length));
}
