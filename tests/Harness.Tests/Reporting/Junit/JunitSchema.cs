using System.Xml;
using System.Xml.Schema;
using Conformance.Harness.Tests.Cases;

namespace Conformance.Harness.Tests.Reporting.Junit;

/// <summary>Validates JUnit XML against junit-jenkins.xsd (our expression of Jenkins' junit-10.xsd), collecting every error and warning.</summary>
internal static class JunitSchema
{
    private const string FileName = "junit-jenkins.xsd";

    /// <summary>The schema file: beside the test binaries when the project copies it there, else in the source tree.</summary>
    public static string Path
    {
        get
        {
            var copied = System.IO.Path.Combine(AppContext.BaseDirectory, "Reporting", "Junit", FileName);
            return File.Exists(copied) ? copied : System.IO.Path.Combine(RepositoryPaths.Root, "tests", "Harness.Tests", "Reporting", "Junit", FileName);
        }
    }

    /// <summary>The validation problems of the document (empty when it is valid).</summary>
    public static IReadOnlyList<string> Problems(string xml)
    {
        var problems = new List<string>();
        var schemas = new XmlSchemaSet();
        using (var schemaReader = XmlReader.Create(Path))
        {
            schemas.Add(null, schemaReader);
        }

        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }
}
