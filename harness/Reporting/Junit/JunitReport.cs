using System.Globalization;
using System.Text;
using System.Xml;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Junit;

/// <summary>
/// junit.xml in the shape of the Jenkins/Ant JUnit schema, which GitHub (test-reporter actions), GitLab and Jenkins read:
/// one testsuite per area (per target and area when a run had several targets: then the suite and classname start with
/// the target's label, so cases of different targets never merge); testcase name "id: title", classname the area.
/// FAILED is a failure, UNIMPLEMENTED skipped, INFORMATIONAL and NON-STRICT pass with the verdict in system-out, and
/// error is kept for harness faults.
/// </summary>
public static class JunitReport
{
    private const int MaxMessage = 300;

    public static void Write(ResultsDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = true };
        using var writer = XmlWriter.Create(output, settings);
        var suites = Suites(document);
        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        writer.WriteAttributeString("name", "wsconform");
        writer.WriteAttributeString("tests", Number(suites.Sum(s => s.Cases.Count)));
        writer.WriteAttributeString("failures", Number(suites.Sum(s => s.Failures)));
        writer.WriteAttributeString("errors", Number(suites.Sum(s => s.Errors)));
        writer.WriteAttributeString("time", Seconds(suites.Sum(s => s.Milliseconds)));
        foreach (var suite in suites)
        {
            WriteSuite(writer, document, suite);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>The suites as written: (target, area) in run order, with their counts.</summary>
    public static IReadOnlyList<JunitSuite> Suites(ResultsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var several = document.Targets.Count > 1;
        return
        [
            .. document.Targets.SelectMany(target => target.Cases
                .GroupBy(c => c.Area, StringComparer.Ordinal)
                .Select(area => new JunitSuite(several ? $"{Label(target)}.{area.Key}" : area.Key, target, [.. area]))),
        ];
    }

    private static void WriteSuite(XmlWriter writer, ResultsDocument document, JunitSuite suite)
    {
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", Clean(suite.Name));
        writer.WriteAttributeString("tests", Number(suite.Cases.Count));
        writer.WriteAttributeString("failures", Number(suite.Failures));
        writer.WriteAttributeString("errors", Number(suite.Errors));
        writer.WriteAttributeString("skipped", Number(suite.Skipped));
        writer.WriteAttributeString("time", Seconds(suite.Milliseconds));
        writer.WriteAttributeString("timestamp", document.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteStartElement("properties");
        Property(writer, "tool", $"{document.Tool.Name} {document.Tool.Version}");
        Property(writer, "target", suite.Target.Url);
        Property(writer, "agent", suite.Target.Agent ?? string.Empty);
        Property(writer, "complete", document.Complete ? "true" : "false");
        writer.WriteEndElement();
        foreach (var record in suite.Cases)
        {
            WriteCase(writer, suite, record);
        }

        writer.WriteEndElement();
    }

    private static void WriteCase(XmlWriter writer, JunitSuite suite, CaseRecord record)
    {
        writer.WriteStartElement("testcase");
        writer.WriteAttributeString("name", Clean($"{record.Id}: {record.Title}"));
        writer.WriteAttributeString("classname", Clean(suite.Name));
        writer.WriteAttributeString("time", Seconds(record.DurationMs));

        // The schema's order: skipped, error*, failure*, system-out*.
        if (record.Verdict == "UNIMPLEMENTED")
        {
            writer.WriteStartElement("skipped");
            writer.WriteAttributeString("message", Message(record.Reason ?? "the peer does not implement this optional feature"));
            writer.WriteEndElement();
        }

        foreach (var fault in record.Errors ?? [])
        {
            writer.WriteStartElement("error");
            writer.WriteAttributeString("message", Message(fault));
            writer.WriteAttributeString("type", "harness fault");
            writer.WriteString(Clean($"The harness could not run this case as written; its verdict ({record.Verdict}) may rest on incomplete evidence.\n{fault}"));
            writer.WriteEndElement();
        }

        if (record.Verdict == "FAILED")
        {
            writer.WriteStartElement("failure");
            writer.WriteAttributeString("message", Message(record.Reason ?? "FAILED"));
            writer.WriteAttributeString("type", Clean(record.Spec.Count > 0 ? record.Spec[0] : "FAILED"));
            writer.WriteString(Clean(Details(record)));
            writer.WriteEndElement();
        }
        else if (record.Verdict is "NON-STRICT" or "INFORMATIONAL" || record.CloseVerdict != "OK")
        {
            writer.WriteElementString("system-out", Clean(Details(record)));
        }

        writer.WriteEndElement();
    }

    private static string Details(CaseRecord record)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"verdict: {record.Verdict}, close: {record.CloseVerdict}\n");
        if (record.Reason is { } reason)
        {
            text.Append(CultureInfo.InvariantCulture, $"why: {reason}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"spec: {string.Join(", ", record.Spec)} ({record.Level})\n");
        if (record.Autobahn is { } autobahn)
        {
            text.Append(CultureInfo.InvariantCulture, $"autobahn: {autobahn}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"stimulus: {record.Stimulus}\nrequirement: {record.Requirement}\n");
        return text.ToString();
    }

    private static void Property(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement("property");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("value", Clean(value));
        writer.WriteEndElement();
    }

    private static string Label(TargetResults target) => target.Agent ?? target.Url;

    /// <summary>The first line of a text, capped: what CI tools show as the one-line failure message.</summary>
    private static string Message(string text)
    {
        var line = text.Split('\n')[0];
        return Clean(line.Length <= MaxMessage ? line : line[..MaxMessage] + "...");
    }

    /// <summary>
    /// Text from a target may hold characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/U+FFFF): they are
    /// written visibly as \uXXXX, so the file stays well-formed and the reader still sees what came.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var legal = pair || XmlConvert.IsXmlChar(c);
            if (legal && cleaned is null)
            {
                if (pair)
                {
                    i++;
                }

                continue;
            }

            cleaned ??= new StringBuilder(text, 0, i, text.Length + 16);
            if (pair)
            {
                cleaned.Append(c).Append(text[++i]);
            }
            else if (legal)
            {
                cleaned.Append(c);
            }
            else
            {
                cleaned.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return cleaned?.ToString() ?? text;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(long milliseconds) => (milliseconds / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>One testsuite of junit.xml: the cases of one area of one target.</summary>
public sealed record JunitSuite(string Name, TargetResults Target, IReadOnlyList<CaseRecord> Cases)
{
    public int Failures => Cases.Count(c => c.Verdict == "FAILED");

    /// <summary>Cases with harness faults (a case counts once, however many faults it had).</summary>
    public int Errors => Cases.Count(c => c.Errors is { Count: > 0 });

    public int Skipped => Cases.Count(c => c.Verdict == "UNIMPLEMENTED");

    public long Milliseconds => Cases.Sum(c => c.DurationMs);
}
