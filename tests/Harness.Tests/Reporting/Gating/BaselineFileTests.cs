using System.Text;
using Conformance.Harness.Reporting.Gating;
using Xunit;
using static Conformance.Harness.Tests.Reporting.Junit.SampleResults;

namespace Conformance.Harness.Tests.Reporting.Gating;

/// <summary>Baseline files: written pretty and stable, read back, refused with the file and the place when broken.</summary>
public sealed class BaselineFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wsconform-baseline-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_baseline_file_reads_back_as_it_was_written()
    {
        var baseline = Baseline.FromResults(Document(
            Target("ws://127.0.0.1:1/", "alpha", Case("a", "FAILED", autobahn: "1.1.1"), Case("b", "NON-STRICT")),
            Target("ws://127.0.0.1:2/", null, Case("a", "FAILED"))));
        var path = Path.Combine(_directory, "sub", "baseline.json");

        BaselineFile.Write(baseline, path);
        var read = BaselineFile.Read(path);

        Assert.Equal(baseline.Schema, read.Schema);
        Assert.Equal(baseline.Entries, read.Entries);
    }

    [Fact]
    public void A_baseline_file_is_pretty_json_with_its_schema_and_no_nulls()
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("framing.x", "1.1.1", "FAILED", null), new BaselineEntry("close.y", null, "NON-STRICT", null)] };

        var json = BaselineFile.ToJson(baseline);

        Assert.Equal(
            """
            {
              "schema": "wsconform/baseline/v1",
              "entries": [
                {
                  "case": "close.y",
                  "verdict": "NON-STRICT"
                },
                {
                  "case": "framing.x",
                  "autobahn": "1.1.1",
                  "verdict": "FAILED"
                }
              ]
            }

            """.ReplaceLineEndings("\n"),
            json);
    }

    [Fact]
    public void A_hand_edited_baseline_with_comments_and_trailing_commas_is_read()
    {
        var json = "{\n  // known since 2026-11\n  \"schema\": \"wsconform/baseline/v1\",\n  \"entries\": [ { \"case\": \"a\", \"verdict\": \"FAILED\", }, ],\n}";

        var baseline = BaselineFile.Parse(Encoding.UTF8.GetBytes(json), "baseline.json");

        Assert.Equal([new BaselineEntry("a", null, "FAILED", null)], baseline.Entries);
    }

    [Theory]
    [InlineData("{ \"schema\": \"wsconform/baseline/v1\",\n \"entries\": [ { \"case\": ", ":2:")]
    [InlineData("{ \"schema\": \"wsconform/baseline/v9\", \"entries\": [] }", "schema is 'wsconform/baseline/v9'")]
    [InlineData("{ \"schema\": \"wsconform/baseline/v1\" }", "entries")]
    [InlineData("{ \"schema\": \"wsconform/baseline/v1\", \"entries\": [ { \"verdict\": \"FAILED\" } ] }", "case")]
    [InlineData("{ \"schema\": \"wsconform/baseline/v1\", \"entries\": [ { \"case\": \"a\", \"verdict\": \"FAILD\" } ] }", "entries[0].verdict: 'FAILD' is not a baseline verdict")]
    [InlineData("{ \"schema\": \"wsconform/baseline/v1\", \"entries\": [ { \"case\": \"a\", \"verdict\": \"FAILED\" }, { \"case\": \"\", \"verdict\": \"FAILED\" } ] }", "entries[1].case")]
    [InlineData("{ \"schema\": \"wsconform/baseline/v1\", \"entries\": [ null ] }", "entries[0]")]
    [InlineData("{ \"schema\": \"wsconform/baseline/v1\", \"entries\": [ { \"case\": \"a\" } ] }", "entries[0].verdict: missing")]
    [InlineData("null", "empty")]
    public void A_broken_baseline_file_is_refused_with_its_name_and_the_problem(string json, string expected)
    {
        var path = Path.Combine(_directory, "broken.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<BaselineFileException>(() => BaselineFile.Read(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_baseline_file_is_refused_with_its_name()
    {
        var path = Path.Combine(_directory, "missing.json");

        var error = Assert.Throws<BaselineFileException>(() => BaselineFile.Read(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }
}
