using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

/// <summary>Builds case file texts for tests: a fixed six-line header, then the body (steps, expect, close, ...) from line 7.</summary>
internal static class CaseText
{
    public const string File = "cases/test/sample.yaml";

    public const string Header = """
        id: framing.sample
        title: A sample case
        spec: [RFC 6455 5.2]
        level: MUST
        stimulus: Sends something.
        requirement: The peer does something.

        """;

    public const string EchoEnd = """
        expect: {}
        close: { by: harness, codes: [1000] }
        """;

    public static CaseDefinition Load(string body) => Assert.Single(CaseLoader.LoadText(Header + body, File));

    public static IReadOnlyList<CaseDefinition> LoadAll(string text) => CaseLoader.LoadText(text, File);

    /// <summary>Loads a case whose only step is <paramref name="stepYaml"/> (one line, without the dash).</summary>
    public static Step LoadStep(string stepYaml) => Assert.Single(Load($"steps:\n  - {stepYaml}\n{EchoEnd}").Steps);

    public static CaseFileException Fails(string text) => Assert.Throws<CaseFileException>(() => CaseLoader.LoadText(text, File));

    public static CaseFileException FailsWithBody(string body) => Fails(Header + body);
}
