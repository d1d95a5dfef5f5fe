using System.Globalization;

namespace Conformance.Harness.Serving;

/// <summary>The endpoints of Autobahn's fuzzingserver control protocol, which client drivers call by path.</summary>
public enum ControlEndpoint
{
    /// <summary>Not a control path: answered 404.</summary>
    Unknown,
    GetCaseCount,
    GetCaseInfo,
    GetCaseStatus,
    RunCase,
    UpdateReports,
    StopServer,
}

/// <summary>
/// A request target as a client driver sends it: <c>/runCase?case=N&amp;agent=A</c> (1-based position in the selected
/// list), <c>?casetuple=1.2.3</c> (an Autobahn id), or <c>?id=framing.text-lengths-125</c> (ours). Parsing never throws.
/// </summary>
public sealed record ControlRequest(ControlEndpoint Endpoint, int? CaseNumber, string? CaseTuple, string? CaseId, string? Agent, bool ShutdownOnComplete)
{
    /// <summary>The agent name when the driver gave none.</summary>
    public const string UnnamedAgent = "UnknownClient";

    public static ControlRequest Parse(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = (question < 0 ? target : target[..question]).TrimEnd('/');
        var query = Query(question < 0 ? "" : target[(question + 1)..]);
        var endpoint = path switch
        {
            "/getCaseCount" => ControlEndpoint.GetCaseCount,
            "/getCaseInfo" => ControlEndpoint.GetCaseInfo,
            "/getCaseStatus" => ControlEndpoint.GetCaseStatus,
            "/runCase" => ControlEndpoint.RunCase,
            "/updateReports" => ControlEndpoint.UpdateReports,
            "/stopServer" => ControlEndpoint.StopServer,
            _ => ControlEndpoint.Unknown,
        };
        int? number = query.TryGetValue("case", out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new ControlRequest(
            endpoint,
            number,
            query.GetValueOrDefault("casetuple"),
            query.GetValueOrDefault("id"),
            query.GetValueOrDefault("agent") is { Length: > 0 } agent ? agent : null,
            query.TryGetValue("shutdownOnComplete", out var shutdown) && string.Equals(shutdown, "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The agent, or <see cref="UnnamedAgent"/>.</summary>
    public string AgentName => Agent ?? UnnamedAgent;

    private static Dictionary<string, string> Query(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(equals < 0 ? pair : pair[..equals]);
            values.TryAdd(name, equals < 0 ? "" : Unescape(pair[(equals + 1)..]));
        }

        return values;
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
