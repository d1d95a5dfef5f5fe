using System.Text.Json;

namespace Conformance.Harness.Cli;

/// <summary>
/// Reads a fuzzingclient or fuzzingserver spec with System.Text.Json. Every mistake is one <see cref="AutobahnSpecException"/> naming the
/// file and the JSON path (<c>fuzzingclient.json: servers[1].url: missing</c>); keys and options wsconform does not use
/// are collected in <see cref="AutobahnSpec.Ignored"/> instead.
/// </summary>
public static class AutobahnSpecReader
{
    private static readonly HashSet<string> TopLevelKeys = ["outdir", "servers", "url", "key", "cert", "cases", "exclude-cases", "exclude-agent-cases", "options"];

    /// <summary>Keys of a fuzzingserver spec that wsconform does not use, and why.</summary>
    private static readonly Dictionary<string, string> UnusedTopLevelKeys = new(StringComparer.Ordinal)
    {
        ["protocols"] = "the harness accepts no subprotocol",
        ["webport"] = "there is no browser test page; open a page of your own",
    };

    private static readonly Dictionary<string, string> UnusedServerKeys = new(StringComparer.Ordinal)
    {
        ["hostname"] = "TLS SNI comes from the url",
        ["origin"] = "use --origin",
        ["protocols"] = "use --subprotocol",
    };

    /// <summary>The protocol options Autobahn's fuzzing client knows; they tune Autobahn's own client, so they do not apply here.</summary>
    private static readonly HashSet<string> KnownOptions =
    [
        "version", "utf8validateIncoming", "acceptMaskedServerFrames", "maskClientFrames", "applyMask", "maxFramePayloadSize",
        "maxMessagePayloadSize", "autoFragmentSize", "failByDrop", "echoCloseCodeReason", "serverConnectionDropTimeout",
        "openHandshakeTimeout", "closeHandshakeTimeout", "tcpNoDelay", "autoPingInterval", "autoPingTimeout", "autoPingSize",
        "versions", "webStatus", "maskServerFrames", "requireMaskedClientFrames", "allowedOrigins", "maxConnections",
    ];

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static AutobahnSpec Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = System.IO.File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new AutobahnSpecException($"{path}: cannot read: {exception.Message}", exception);
        }

        return Parse(json, path);
    }

    public static AutobahnSpec Parse(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var reason = exception.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd();
            throw new AutobahnSpecException($"{file}: line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}: not valid JSON: {reason}", exception);
        }

        using (document)
        {
            return new Reader(file).Spec(document.RootElement);
        }
    }

    private sealed class Reader(string file)
    {
        private readonly List<string> _ignored = [];

        public AutobahnSpec Spec(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "$", "an object");
            foreach (var property in root.EnumerateObject().Where(p => !TopLevelKeys.Contains(p.Name)))
            {
                _ignored.Add(UnusedTopLevelKeys.TryGetValue(property.Name, out var why) ? $"{property.Name} ({why})" : $"{property.Name} (unknown key)");
            }

            Options(root, "options");
            return new AutobahnSpec
            {
                File = file,
                OutDir = root.TryGetProperty("outdir", out var outdir) ? String(outdir, "outdir") : null,
                Servers = root.TryGetProperty("servers", out var servers) ? [.. Array(servers, "servers").Select((s, i) => Server(s, $"servers[{i}]"))] : [],
                Url = root.TryGetProperty("url", out var url) ? Url(url, "url") : null,
                Key = root.TryGetProperty("key", out var key) ? String(key, "key") : null,
                Cert = root.TryGetProperty("cert", out var cert) ? String(cert, "cert") : null,
                Cases = root.TryGetProperty("cases", out var cases) ? Patterns(cases, "cases", AutobahnPattern.ForCases) : [AutobahnPattern.ForCases("*", "cases")],
                ExcludeCases = root.TryGetProperty("exclude-cases", out var exclude) ? Patterns(exclude, "exclude-cases", AutobahnPattern.ForCases) : [],
                ExcludeAgentCases = root.TryGetProperty("exclude-agent-cases", out var agents) ? AgentExclusions(agents) : [],
                Ignored = _ignored,
            };
        }

        private AutobahnSpecServer Server(JsonElement server, string path)
        {
            Expect(server, JsonValueKind.Object, path, "an object");
            if (!server.TryGetProperty("url", out var urlElement))
            {
                throw Error($"{path}.url", "missing");
            }

            var uri = Url(urlElement, $"{path}.url");

            foreach (var property in server.EnumerateObject())
            {
                if (UnusedServerKeys.TryGetValue(property.Name, out var hint))
                {
                    _ignored.Add($"{path}.{property.Name} ({hint})");
                }
                else if (property.Name is not ("url" or "agent" or "options"))
                {
                    _ignored.Add($"{path}.{property.Name} (unknown key)");
                }
            }

            Options(server, $"{path}.options");
            return new AutobahnSpecServer(uri, server.TryGetProperty("agent", out var agent) ? String(agent, $"{path}.agent") : null);
        }

        private Uri Url(JsonElement element, string path)
        {
            var url = String(element, path);
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss" or "ws+unix" or "wss+unix"
                ? uri
                : throw Error(path, $"'{url}' is not a ws:// or wss:// URL");
        }

        private List<AutobahnAgentExclusion> AgentExclusions(JsonElement element)
        {
            Expect(element, JsonValueKind.Object, "exclude-agent-cases", "an object of agent: [case patterns]");
            return
            [
                .. element.EnumerateObject().Select(property =>
                {
                    var path = $"exclude-agent-cases.{property.Name}";
                    return new AutobahnAgentExclusion(AutobahnPattern.Anchored(property.Name, path), Patterns(property.Value, path, AutobahnPattern.Anchored));
                }),
            ];
        }

        private List<AutobahnPattern> Patterns(JsonElement element, string path, Func<string, string, AutobahnPattern> create) =>
            [.. Array(element, path).Select((item, i) => create(String(item, $"{path}[{i}]"), $"{path}[{i}]"))];

        private void Options(JsonElement parent, string path)
        {
            if (!parent.TryGetProperty("options", out var options))
            {
                return;
            }

            Expect(options, JsonValueKind.Object, path, "an object");
            _ignored.AddRange(options.EnumerateObject().Where(p => !KnownOptions.Contains(p.Name)).Select(p => $"{path}.{p.Name} (unknown option)"));
        }

        private JsonElement.ArrayEnumerator Array(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Array, path, "an array");
            return element.EnumerateArray();
        }

        private string String(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.String, path, "a string");
            return element.GetString()!;
        }

        private void Expect(JsonElement element, JsonValueKind kind, string path, string what)
        {
            if (element.ValueKind != kind)
            {
                throw Error(path, $"expected {what}, found {Describe(element.ValueKind)}");
            }
        }

        private AutobahnSpecException Error(string path, string problem) => new($"{file}: {path}: {problem}");

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
