using System.Globalization;
using System.Text;
using Conformance.Fuzz.Property;

namespace Conformance.Harness.Fuzzing;

/// <summary>
/// A generated exchange as an ordinary case file: the frames it sends (as hex, exactly), what the model says a
/// conformant echo server answers, and how the connection must end. Property mode runs exactly this text, so a finding
/// written out replays with <c>wsconform run --cases-dir findings/</c>.
/// </summary>
public static class ExchangeCaseFile
{
    public static string Write(string id, FuzzExchange exchange, ExpectedExchange expected, string provenance)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(expected);
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"# {provenance}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"id: {id}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"title: {Quote(Title(expected))}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"spec: [{Quote(expected.Section)}]\n");
        yaml.Append("level: MUST\n");
        yaml.Append(CultureInfo.InvariantCulture, $"stimulus: {Quote($"Sends {exchange}.")}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"requirement: {Quote(Requirement(expected))}\n");
        yaml.Append("steps:\n  - send-all:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"      chop: {exchange.Chop}\n      frames:\n");
        foreach (var frame in exchange.Frames)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"        - {{ opcode: {(int)frame.Opcode}, fin: {Bool(frame.Fin)}, rsv: {frame.Rsv}, mask: {Bool(frame.Masked)}, payload: {{ hex: \"{Hex(frame.Payload)}\" }} }}\n");
        }

        if (expected.Replies.Count == 0)
        {
            yaml.Append("expect: {}\n");
        }
        else
        {
            yaml.Append("expect:\n  OK:\n");
            foreach (var reply in expected.Replies)
            {
                yaml.Append(reply.Kind switch
                {
                    ReplyKind.Pong => $"    - pong: {{ hex: \"{Hex(reply.Payload)}\" }}\n",
                    var kind => $"    - message: {(kind == ReplyKind.Binary ? "binary" : "text")}\n      payload: {{ hex: \"{Hex(reply.Payload)}\" }}\n",
                });
            }

            if (expected.End == ExpectedEnd.PeerFails)
            {
                // Failing at once, before echoing what came earlier in the same write, is conformant too (Autobahn: NON-STRICT).
                yaml.Append("  NON-STRICT: []\n");
            }
        }

        var codes = string.Join(", ", expected.Codes);
        yaml.Append(expected.End switch
        {
            ExpectedEnd.PeerFails => $"close: {{ by: peer, codes: [{codes}], clean: false, harness-closing-fails: true }}\n",
            // RFC 6455 7.4.1: an invalid close frame is answered with the failure's code (Autobahn section 7's shape).
            ExpectedEnd.PeerAnswersCloseWithError => $"close: {{ by: harness, codes: [{codes}], clean: false, wrong-code-fails: true }}\n",
            _ => $"close: {{ by: harness, codes: [{codes}], clean: false }}\n",
        });
        yaml.Append("timeout: 1s\n");
        return yaml.ToString();
    }

    private static string Title(ExpectedExchange expected) => expected.End switch
    {
        ExpectedEnd.PeerFails or ExpectedEnd.PeerAnswersCloseWithError => $"A generated exchange breaking {expected.Section} fails the connection",
        ExpectedEnd.PeerAnswersClose => "A generated exchange is echoed and the client's close answered",
        _ => "A generated exchange is echoed, its pings answered",
    };

    private static string Requirement(ExpectedExchange expected) => expected.End switch
    {
        ExpectedEnd.PeerFails => $"{expected.Section}: {expected.Rule}. A conformant peer echoes what came before and fails the connection (close {string.Join(" or ", expected.Codes)}, or a TCP close).",
        ExpectedEnd.PeerAnswersCloseWithError => $"{expected.Section}: {expected.Rule}. A conformant peer echoes what came before and answers the invalid close with close {string.Join(" or ", expected.Codes)}.",
        _ => $"Every message is echoed and every ping answered with its payload (RFC 6455 5.5.2, 5.5.3), then the close is answered ({expected.Section}).",
    };

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>A double-quoted YAML scalar.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
