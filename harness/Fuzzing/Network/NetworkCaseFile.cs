using System.Globalization;
using System.Text;
using Conformance.Fuzz.Network;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// A network input as an ordinary case file judged on survival (<c>survives</c>): the head exactly (raw, chopped, with
/// the frames or not), each write as raw bytes with the pauses between, then a half-close. A campaign runs exactly this
/// text for every test, so a finding written out replays the same bytes with <c>wsconform run --cases-dir findings/</c>.
/// </summary>
public static class NetworkCaseFile
{
    public static string Write(string id, NetworkInput input, FindingKind kind, TimeSpan answerWithin, IReadOnlyList<string> comments)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(comments);
        var (spec, level, requirement) = kind.Rule();
        var yaml = new StringBuilder();
        foreach (var comment in comments)
        {
            foreach (var line in comment.Split('\n'))
            {
                yaml.Append("# ").Append(line.TrimEnd('\r')).Append('\n');
            }
        }

        var description = input.ToString();
        if (description.Length > 400)
        {
            description = description[..400] + " ...";
        }

        yaml.Append(CultureInfo.InvariantCulture, $"id: {id}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"title: {Quote($"The server survives a fuzzed input ({kind.Slug()} found by wsconform fuzz --mode network)")}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"spec: [{string.Join(", ", spec)}]\n");
        yaml.Append(CultureInfo.InvariantCulture, $"level: {level}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"stimulus: {Quote($"Sends {description}, then closes its side of TCP.")}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"requirement: {Quote(requirement)}\n");
        yaml.Append("roles: [server]\n");
        yaml.Append("handshake:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  raw: {Quote(input.HeadText)}\n");
        if (input.HeadPieceSize > 0)
        {
            // The head's pieces pause too, within the same budget.
            var pieces = (input.HeadText.Length + input.HeadPieceSize - 1) / input.HeadPieceSize;
            yaml.Append(CultureInfo.InvariantCulture, $"  chop: {{ size: {input.HeadPieceSize}, delay: {input.PauseMs(pieces)}ms }}\n");
        }

        if (input.FramesWithHead)
        {
            yaml.Append("  frames-with-request: true\n");
        }

        yaml.Append("steps:\n");
        var writes = input.Writes();
        var pause = input.PauseMs(writes.Count);
        for (var i = 0; i < writes.Count; i++)
        {
            if (i > 0 && pause > 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - pause: {pause}ms\n");
            }

            yaml.Append(CultureInfo.InvariantCulture, $"  - raw: {{ bytes: {{ hex: \"{Convert.ToHexString(writes[i]).ToLowerInvariant()}\" }} }}\n");
        }

        yaml.Append("  - shutdown: fin\n");
        yaml.Append("expect: {}\n");
        yaml.Append("close: { by: peer, codes: [1000], clean: false }\n");
        // The server has as long to close its side after the harness's FIN as a fresh connection has to be answered.
        var timeout = answerWithin + TimeSpan.FromMilliseconds(pause * Math.Max(0, writes.Count - 1));
        yaml.Append(CultureInfo.InvariantCulture, $"timeout: {(long)timeout.TotalMilliseconds}ms\n");
        yaml.Append(CultureInfo.InvariantCulture, $"survives: {{ answer-within: {(long)answerWithin.TotalMilliseconds}ms }}\n");
        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar holding Latin-1 text exactly (every other character escaped).</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                < ' ' or (>= '\x7f' and <= '\xff') => $"\\x{(int)c:x2}",
                > '\xff' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
