using System.Text.RegularExpressions;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>Reads the top-level map of one case (a family member after matrix expansion) into a <see cref="CaseDefinition"/>.</summary>
internal static partial class CaseParser
{
    public static CaseDefinition Parse(MapReader map)
    {
        var reader = map.Reader;
        var missing = CaseFields.TopLevelRequired.FirstOrDefault(name => !map.Has(name));
        if (missing is not null)
        {
            throw reader.Error(map.Node, missing, $"required field is missing (a case has {Choices.JoinAll(CaseFields.TopLevelRequired)})");
        }

        var idNode = map.Require("id");
        return new CaseDefinition
        {
            Id = Id(idNode, reader),
            Title = reader.Line(map.Require("title"), "title"),
            Spec = Spec(map.Require("spec"), reader),
            Level = Level(map.Require("level"), reader),
            Autobahn = map.Get("autobahn") is { } autobahn ? Autobahn(autobahn, reader) : null,
            Stimulus = NonEmpty(map.Require("stimulus"), "stimulus", reader),
            Requirement = NonEmpty(map.Require("requirement"), "requirement", reader),
            Handshake = map.Get("handshake") is { } handshake ? HandshakeParser.Parse(handshake, "handshake", reader) : null,
            Roles = map.Get("roles") is { } roles ? Roles(roles, reader) : CaseRoles.Both,
            Steps = StepParser.ParseAll(map.Require("steps"), "steps", reader),
            Outcomes = EventParser.ParseOutcomes(map.Require("expect"), "expect", reader),
            Close = CloseExpectationParser.Parse(map.Require("close"), "close", reader),
            Timeout = map.Get("timeout") is { } timeout ? Timeout(timeout, reader) : TimeSpan.FromSeconds(1),
            OnTimeout = map.Get("on-timeout") is { } onTimeout ? OnTimeout(onTimeout, reader) : TimeoutAction.Fail,
            Informational = map.OptionalBool("informational", defaultValue: false),
            Survives = map.Get("survives") is { } survives ? Survives(survives, reader) : null,
            Source = new SourceLocation(reader.File, idNode.At.Line, idNode.At.Column),
        };
    }

    /// <summary><c>roles: [server]</c>, <c>[client]</c> or both: which implementations the case tests.</summary>
    private static CaseRoles Roles(Node node, FieldReader reader)
    {
        var list = reader.List(node, "roles", "server and/or client");
        var roles = (CaseRoles)0;
        foreach (var (item, index) in list.Items.Select((item, index) => (item, index)))
        {
            roles |= reader.String(item, FieldPath.Item("roles", index)) switch
            {
                "server" => CaseRoles.Server,
                "client" => CaseRoles.Client,
                var other => throw reader.Error(item, FieldPath.Item("roles", index), $"expected {Choices.Join(CaseFields.RoleNames)}, got '{other}'"),
            };
        }

        return roles != 0 ? roles : throw reader.Error(list, "roles", "expected at least one of server, client");
    }

    /// <summary><c>survives: { answer-within: 2s }</c>, or <c>survives: true</c> for the default.</summary>
    private static SurvivalCheck? Survives(Node node, FieldReader reader)
    {
        if (node is ScalarNode)
        {
            return reader.Bool(node, "survives") ? new SurvivalCheck(SurvivalCheck.DefaultAnswerWithin) : null;
        }

        var map = MapReader.Open(node, "survives", reader, CaseFields.Survives, "true or a survives map");
        var within = map.OptionalDuration("answer-within", SurvivalCheck.DefaultAnswerWithin);
        return within > TimeSpan.Zero ? new SurvivalCheck(within) : throw reader.Error(map.Require("answer-within"), map.Field("answer-within"), "must be longer than 0s");
    }

    private static string Id(Node node, FieldReader reader)
    {
        var id = reader.String(node, "id");
        return IdPattern().IsMatch(id)
            ? id
            : throw reader.Error(node, "id", $"'{id}' is not an id: <area>.<name>, lowercase letters, digits, '-' and '.', e.g. framing.text.length-125");
    }

    private static List<string> Spec(Node node, FieldReader reader)
    {
        var list = reader.List(node, "spec", "sections such as RFC 6455 5.2");
        if (list.Items.Count == 0)
        {
            throw reader.Error(list, "spec", "expected at least one section, such as RFC 6455 5.2");
        }

        return
        [
            .. list.Items.Select((item, index) =>
            {
                var section = reader.String(item, FieldPath.Item("spec", index));
                return SpecSection.Normalise(section)
                    ?? throw reader.Error(item, FieldPath.Item("spec", index), $"'{section}' is not a section; write RFC 6455 5.2 or RFC 7692 7.1");
            }),
        ];
    }

    private static RequirementLevel Level(Node node, FieldReader reader) => reader.String(node, "level") switch
    {
        "MUST" => RequirementLevel.Must,
        "SHOULD" => RequirementLevel.Should,
        "INFORMATIONAL" => RequirementLevel.Informational,
        var other => throw reader.Error(node, "level", $"unknown level '{other}' (expected MUST, SHOULD or INFORMATIONAL)"),
    };

    private static string Autobahn(Node node, FieldReader reader)
    {
        var id = reader.String(node, "autobahn");
        return AutobahnPattern().IsMatch(id)
            ? id
            : throw reader.Error(node, "autobahn", $"'{id}' is not an Autobahn case id such as \"1.1.1\"");
    }

    private static string NonEmpty(Node node, string field, FieldReader reader)
    {
        var text = reader.String(node, field).Trim();
        return text.Length > 0 ? text : throw reader.Error(node, field, "must not be empty");
    }

    private static TimeSpan Timeout(Node node, FieldReader reader)
    {
        var timeout = reader.Duration(node, "timeout");
        return timeout > TimeSpan.Zero ? timeout : throw reader.Error(node, "timeout", "must be longer than 0s");
    }

    private static TimeoutAction OnTimeout(Node node, FieldReader reader) => reader.String(node, "on-timeout") switch
    {
        "fail" => TimeoutAction.Fail,
        "close" => TimeoutAction.Close,
        var other => throw reader.Error(node, "on-timeout", $"expected fail or close, got '{other}'"),
    };

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[0-9]+(?:\.[0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex AutobahnPattern();
}
