using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

public class MatrixExpansionTests
{
    private const string Family = """
        id: framing.text.length-{length}
        title: A text message of {length} bytes is echoed
        spec: [RFC 6455 5.2]
        level: MUST
        autobahn: "1.1.{n}"
        stimulus: Sends a text message of {length} bytes.
        requirement: The peer echoes it.
        steps:
          - send: { opcode: text, payload: { repeat: "*", length: "{length}" }, fin: "{fin}", chop: {chop} }
        expect:
          OK:
            - message: text
              payload: { repeat: "*", length: "{length}" }
        close: { by: harness, codes: ["{code}"] }
        matrix:
          - { n: 1, length: 0, fin: true, chop: 1, code: 1000 }
          - { n: 2, length: 125, fin: false, chop: 2, code: 1000 }
          - { n: 10, length: 126, fin: true, chop: 3, code: 3000 }
        """;

    [Fact]
    public void A_family_expands_to_one_case_per_row_with_typed_values()
    {
        var cases = CaseText.LoadAll(Family);

        Assert.Equal(["framing.text.length-0", "framing.text.length-125", "framing.text.length-126"], cases.Select(c => c.Id));
        Assert.Equal(["1.1.1", "1.1.2", "1.1.10"], cases.Select(c => c.Autobahn));
        Assert.Equal("A text message of 125 bytes is echoed", cases[1].Title);
        Assert.Equal("Sends a text message of 126 bytes.", cases[2].Stimulus);
        var frames = cases.Select(c => Assert.IsType<SendFrameStep>(Assert.Single(c.Steps))).ToList();
        Assert.Equal([0, 125, 126], frames.Select(step => step.Frame.Payload.Length));
        Assert.Equal([true, false, true], frames.Select(step => step.Frame.Fin));
        Assert.Equal([1, 2, 3], frames.Select(step => step.Chop!.Size));
        Assert.Equal((ushort)3000, cases[2].Close.Codes[0]);
        Assert.Equal(126, Assert.IsType<ExpectedMessage>(cases[2].Outcomes[0].Value[0]).Payload!.Length);
        Assert.All(cases, c => Assert.Equal(new SourceLocation(CaseText.File, 1, 5), c.Source));
    }

    [Fact]
    public void A_row_value_can_be_a_map()
    {
        var cases = CaseText.LoadAll("""
            id: utf8.invalid-{name}
            title: Invalid UTF-8 {name}
            spec: [RFC 6455 8.1]
            level: MUST
            stimulus: s
            requirement: r
            steps:
              - send: { opcode: text, payload: "{bytes}" }
            expect: {}
            close: { by: peer, codes: [1007] }
            matrix:
              - { name: overlong, bytes: { hex: "c0af" } }
              - { name: surrogate, bytes: { hex: "eda080" } }
            """);

        Assert.Equal("c0af", Convert.ToHexStringLower(Assert.IsType<SendFrameStep>(cases[0].Steps[0]).Frame.Payload));
        Assert.Equal("eda080", Convert.ToHexStringLower(Assert.IsType<SendFrameStep>(cases[1].Steps[0]).Frame.Payload));
    }

    [Fact]
    public void A_quoted_placeholder_inside_a_string_stays_a_string()
    {
        var error = CaseText.Fails(Family.Replace("length: \"{length}\" }, fin", "length: \"{length}0\" }, fin", StringComparison.Ordinal));

        Assert.Equal("steps[0].send.payload.length", error.Field);
        Assert.Equal("expected an integer, got the string \"00\" (write it without quotes) (matrix[0])", error.Problem);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public void An_error_in_a_row_names_the_row()
    {
        var error = CaseText.Fails(Family.Replace("code: 3000", "code: -1", StringComparison.Ordinal));

        Assert.Equal("cases/test/sample.yaml:14:31: close.codes[0]: -1 is out of range (0-65535) (matrix[2])", error.Message);
    }

    [Fact]
    public void Rows_that_give_the_same_id_are_an_error()
    {
        var error = CaseText.Fails(Family.Replace("id: framing.text.length-{length}", "id: framing.text.same", StringComparison.Ordinal));

        Assert.Equal("cases/test/sample.yaml:1:5: id: matrix[0] already gives the id 'framing.text.same'; put a {variable} in the id (matrix[1])", error.Message);
    }

    [Fact]
    public void Rows_must_set_the_same_variables()
    {
        var error = CaseText.Fails(Family.Replace("{ n: 2, length: 125, fin: false, chop: 2, code: 1000 }", "{ n: 2, length: 125, fin: false, chop: 2 }", StringComparison.Ordinal));

        Assert.Equal(("matrix[1].code", 17), (error.Field, error.Line));
        Assert.Equal("this row has no 'code', which matrix[0] has (every row sets the same variables)", error.Problem);
    }

    [Theory]
    [InlineData("matrix: []", "matrix", "expected at least one row")]
    [InlineData("matrix: { n: 1 }", "matrix.n", "unknown field 'n': a matrix is a list of rows (- { n: ..., ... }) or { product: { AXIS: [rows], ... } }")]
    [InlineData("matrix: 5", "matrix", "expected a list of rows (maps of variables) or { product: ... }, got the number 5")]
    [InlineData("matrix: [ 1 ]", "matrix[0]", "expected a row (a map of variables), got the number 1")]
    [InlineData("matrix: [ { \"a b\": 1 } ]", "matrix[0].a b", "'a b' is not a variable name (letters, digits, _ and -); if it is part of a value, quote that value (a comma ends an unquoted value inside { })")]
    public void A_bad_matrix_is_an_error(string matrix, string field, string problem)
    {
        var error = CaseText.Fails(CaseText.Header + "steps: []\n" + CaseText.EchoEnd + "\n" + matrix + "\n");

        Assert.Equal((field, problem), (error.Field, error.Problem));
    }

    [Fact]
    public void A_map_value_inside_a_string_is_an_error()
    {
        var error = CaseText.Fails(CaseText.Header.Replace("title: A sample case", "title: Case {v}", StringComparison.Ordinal)
            + "steps: []\n" + CaseText.EchoEnd + "\nmatrix: [ { v: { a: 1 } } ]\n");

        Assert.Equal(("title", 2), (error.Field, error.Line));
        Assert.Equal("'{v}' stands inside a string, so its value must be a plain value, not a map (matrix[0])", error.Problem);
    }

    [Fact]
    public void Unknown_placeholders_are_left_alone()
    {
        var definition = Assert.Single(CaseText.LoadAll("""
            id: handshake.raw-{n}
            title: Raw request {n}
            spec: [RFC 6455 4.1]
            level: MUST
            stimulus: s
            requirement: r
            handshake: { raw: "GET / HTTP/1.1\r\nHost: {host}\r\nX-N: {n}\r\n\r\n" }
            steps: []
            expect: {}
            close: { by: peer, codes: [1002] }
            matrix: [ { n: 7 } ]
            """));

        Assert.Equal("handshake.raw-7", definition.Id);
        Assert.Equal("GET / HTTP/1.1\r\nHost: {host}\r\nX-N: 7\r\n\r\n", definition.Handshake!.RawRequest);
    }

    [Fact]
    public void Duplicate_ids_across_files_name_both_files()
    {
        using var directory = new TemporaryCasesDirectory();
        directory.Write("framing/a.yaml", CaseText.Header + "steps: []\n" + CaseText.EchoEnd);
        directory.Write("framing/b.yaml", CaseText.Header + "steps: []\n" + CaseText.EchoEnd);

        var error = Assert.Throws<CaseFileException>(() => CaseLoader.LoadDirectory(directory.Path));

        var a = System.IO.Path.Combine(directory.Path, "framing", "a.yaml");
        var b = System.IO.Path.Combine(directory.Path, "framing", "b.yaml");
        Assert.Equal($"{b}:1:5: id: duplicate id 'framing.sample' (also in {a}:1:5)", error.Message);
    }

    [Fact]
    public void A_directory_loads_recursively_in_natural_id_order()
    {
        using var directory = new TemporaryCasesDirectory();
        directory.Write("framing/lengths.yaml", Family);
        directory.Write("aaa/other.yml", CaseText.Header.Replace("framing.sample", "framing.text.length-9", StringComparison.Ordinal) + "steps: []\n" + CaseText.EchoEnd);
        directory.Write("framing/notes.txt", "not a case");

        var catalogue = CaseLoader.LoadDirectory(directory.Path);

        Assert.Equal(2, catalogue.FileCount);
        Assert.Equal(
            ["framing.text.length-0", "framing.text.length-9", "framing.text.length-125", "framing.text.length-126"],
            catalogue.Cases.Select(c => c.Id));
        Assert.Equal(["1.1.1", "1.1.2", "1.1.10"], catalogue.InAutobahnOrder().Take(3).Select(c => c.Autobahn));
        Assert.Equal("framing.text.length-125", Assert.Single(catalogue.Find("1.1.2")).Id);
        Assert.NotNull(catalogue.FindById("framing.text.length-9"));
    }
}
