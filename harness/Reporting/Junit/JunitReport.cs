using System.Globalization;
using System.Text;
using System.Xml;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Junit;

/// <summary>
/// junit.xml: the results as JUnit XML, the dialect of Jenkins' xunit-plugin schema <c>junit-10.xsd</c>, which GitHub
/// (dorny/test-reporter, mikepenz/action-junit-report), GitLab (<c>artifacts:reports:junit</c>) and Jenkins read.
/// <list type="bullet">
/// <item>One <c>&lt;testsuite&gt;</c> per area; with several targets, per target and area, named <c>"{label}: {area}"</c>
/// (label: the agent, else the URL), and the test cases' classname is the same.</item>
/// <item>A case is a <c>&lt;testcase name="{id}: {title}" classname="{area}" time="seconds"&gt;</c>. FAILED gives a
/// <c>&lt;failure&gt;</c> (its type the first spec section), UNIMPLEMENTED a <c>&lt;skipped&gt;</c>; OK, INFORMATIONAL and
/// NON-STRICT pass, the latter two (and any case with a reason) saying why in <c>&lt;system-out&gt;</c>. An
/// <c>&lt;error&gt;</c> is written only for harness faults (results.json's <c>errors</c>), beside the verdict's element.</item>
/// <item>The counts (tests, failures, errors, skipped) are those of results.json. junit-10.xsd declares no
/// <c>skipped</c> on <c>&lt;testsuites&gt;</c>, so the skipped count is on each suite only.</item>
/// <item>Every string goes through <see cref="VisibleText"/>: characters XML 1.0 forbids become a visible <c>\uXXXX</c>.</item>
/// </list>
/// </summary>
public static class JunitReport
{
    /// <summary>The root element's name attribute.</summary>
    public const string RootName = "wsconform";

    /// <summary>Writes the report to the stream as UTF-8 (no byte order mark); the stream is left open.</summary>
    public static void Write(ResultsDocument document, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            CloseOutput = false,
        };
        using var writer = XmlWriter.Create(stream, settings);
        WriteDocument(document, writer);
    }

    /// <summary>Writes the report to <paramref name="path"/> (through a temporary file, so a reader never sees half of it).</summary>
    public static void WriteFile(ResultsDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            Write(document, stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The report as a string (for tests and previews).</summary>
    public static string Render(ResultsDocument document)
    {
        using var stream = new MemoryStream();
        Write(document, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteDocument(ResultsDocument document, XmlWriter writer)
    {
        var suites = JunitSuite.From(document);
        writer.WriteStartDocument();
        writer.WriteComment(
            " wsconform results as JUnit XML (Jenkins junit-10.xsd): one testsuite per area, or per target and area when the "
            + "run had several targets (then named \"label: area\", the label being the target's agent, else its URL). "
            + "failure = FAILED, skipped = UNIMPLEMENTED, error = a harness fault; OK, INFORMATIONAL and NON-STRICT pass. ");
        writer.WriteStartElement("testsuites");
        writer.WriteAttributeString("name", RootName);
        writer.WriteAttributeString("tests", Count(suites.Sum(s => s.Tests)));
        writer.WriteAttributeString("failures", Count(suites.Sum(s => s.Failures)));
        writer.WriteAttributeString("errors", Count(suites.Sum(s => s.Errors)));
        var wallTime = document.FinishedAt is { } finished ? Math.Max(0, (finished - document.StartedAt).TotalSeconds) : suites.Sum(s => s.Seconds);
        writer.WriteAttributeString("time", Seconds(wallTime));
        for (var index = 0; index < suites.Count; index++)
        {
            WriteSuite(document, suites[index], index, writer);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteSuite(ResultsDocument document, JunitSuite suite, int index, XmlWriter writer)
    {
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", JunitText.Attribute(suite.Name));
        writer.WriteAttributeString("tests", Count(suite.Tests));
        writer.WriteAttributeString("failures", Count(suite.Failures));
        writer.WriteAttributeString("errors", Count(suite.Errors));
        writer.WriteAttributeString("skipped", Count(suite.Skipped));
        writer.WriteAttributeString("time", Seconds(suite.Seconds));

        // Ant's timestamp form (no zone), in UTC.
        writer.WriteAttributeString("timestamp", document.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteAttributeString("id", Count(index));
        writer.WriteStartElement("properties");
        Property(writer, "wsconform.tool", document.Tool.Name);
        Property(writer, "wsconform.version", document.Tool.Version);
        Property(writer, "target.url", suite.Target.Url);
        if (suite.Target.Agent is { } agent)
        {
            Property(writer, "target.agent", agent);
        }

        Property(writer, "run.complete", document.Complete ? "true" : "false");
        writer.WriteEndElement();
        foreach (var record in suite.Cases)
        {
            WriteCase(record, suite.Name, writer);
        }

        writer.WriteEndElement();
    }

    private static void WriteCase(CaseRecord record, string className, XmlWriter writer)
    {
        writer.WriteStartElement("testcase");
        writer.WriteAttributeString("name", JunitText.Attribute($"{record.Id}: {record.Title}"));
        writer.WriteAttributeString("classname", JunitText.Attribute(className));
        writer.WriteAttributeString("time", Seconds(record.DurationMs / 1000.0));
        var verdict = record.Verdict;
        if (verdict == Verdict.Failed)
        {
            writer.WriteStartElement("failure");
            writer.WriteAttributeString("message", JunitText.Message(record.Reason, "FAILED"));
            writer.WriteAttributeString("type", record.Spec.Count > 0 ? JunitText.Attribute(record.Spec[0]) : "FAILED");
            writer.WriteString(JunitText.Failure(record));
            writer.WriteEndElement();
        }
        else if (verdict == Verdict.Unimplemented)
        {
            writer.WriteStartElement("skipped");
            writer.WriteAttributeString("message", JunitText.Message(record.Reason, "UNIMPLEMENTED: the peer does not offer this optional feature"));
            writer.WriteString(JunitText.Outcome(record));
            writer.WriteEndElement();
        }

        if (record.Errors is { Count: > 0 } errors)
        {
            writer.WriteStartElement("error");
            writer.WriteAttributeString("message", JunitText.Message(errors[0], "harness fault"));
            writer.WriteAttributeString("type", "harness fault");
            writer.WriteString(JunitText.Faults(errors));
            writer.WriteEndElement();
        }

        if (verdict != Verdict.Failed && verdict != Verdict.Unimplemented
            && (verdict != Verdict.Ok || !string.IsNullOrEmpty(record.Reason)))
        {
            writer.WriteElementString("system-out", JunitText.Outcome(record));
        }

        writer.WriteEndElement();
    }

    private static void Property(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement("property");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("value", JunitText.Attribute(value));
        writer.WriteEndElement();
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
