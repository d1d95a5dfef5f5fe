using Conformance.Harness.Cases.Model;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

public class MatrixProductTests
{
    private const string Family = """
        id: compression.payload-{data}.{name}
        title: Messages of {size} bytes of {data} are echoed
        spec: [RFC 7692 7.2.1]
        level: MUST
        autobahn: "12.{p}.{s}"
        stimulus: Sends {type} messages of {size} bytes.
        requirement: The peer echoes them.
        steps:
          - send: { opcode: "{type}", payload: { repeat: "*", length: "{size}" } }
        expect: {}
        close: { by: harness, codes: [1000] }
        matrix:
          product:
            data:
              - { p: 1, data: json, type: text }
              - { p: 2, data: bitmap, type: binary }
            size:
              - { s: 1, name: small, size: 16 }
              - { s: 2, name: medium, size: 64 }
              - { s: 10, name: large, size: 4096 }
        """;

    [Fact]
    public void A_product_gives_one_case_per_combination_with_the_first_axis_varying_slowest()
    {
        var cases = CaseText.LoadAll(Family);

        Assert.Equal(
            [
                "compression.payload-json.small", "compression.payload-json.medium", "compression.payload-json.large",
                "compression.payload-bitmap.small", "compression.payload-bitmap.medium", "compression.payload-bitmap.large",
            ],
            cases.Select(c => c.Id));
        Assert.Equal(["12.1.1", "12.1.2", "12.1.10", "12.2.1", "12.2.2", "12.2.10"], cases.Select(c => c.Autobahn));
        Assert.Equal("Sends binary messages of 4096 bytes.", cases[5].Stimulus);
        var frames = cases.Select(c => Assert.IsType<SendFrameStep>(Assert.Single(c.Steps)).Frame).ToList();
        Assert.Equal([16, 64, 4096, 16, 64, 4096], frames.Select(frame => frame.Payload.Length));
        Assert.Equal([1, 1, 1, 2, 2, 2], frames.Select(frame => (int)frame.Opcode));
    }

    [Fact]
    public void An_axis_of_plain_values_sets_the_variable_named_after_the_axis()
    {
        var cases = CaseText.LoadAll(CaseText.Header.Replace("framing.sample", "framing.sample-{chop}-{fin}", StringComparison.Ordinal) + """
            steps:
              - send: { opcode: text, payload: abc, chop: "{chop}", fin: "{fin}" }
            expect: {}
            close: { by: harness, codes: [1000] }
            matrix:
              product:
                chop: [1, 2]
                fin: [true, false]
            """);

        Assert.Equal(["framing.sample-1-true", "framing.sample-1-false", "framing.sample-2-true", "framing.sample-2-false"], cases.Select(c => c.Id));
        var frames = cases.Select(c => Assert.IsType<SendFrameStep>(Assert.Single(c.Steps))).ToList();
        Assert.Equal([1, 1, 2, 2], frames.Select(step => step.Chop!.Size));
        Assert.Equal([true, false, true, false], frames.Select(step => step.Frame.Fin));
    }

    [Fact]
    public void A_product_of_one_axis_expands_as_the_list_form_does()
    {
        var body = CaseText.Header.Replace("framing.sample", "framing.sample-{n}", StringComparison.Ordinal) + "steps: []\n" + CaseText.EchoEnd + "\n";

        var list = CaseText.LoadAll(body + "matrix: [ { n: 1 }, { n: 2 } ]\n");
        var product = CaseText.LoadAll(body + "matrix: { product: { n: [1, 2] } }\n");

        Assert.Equal(["framing.sample-1", "framing.sample-2"], list.Select(c => c.Id));
        Assert.Equal(list.Select(c => c.Id), product.Select(c => c.Id));
    }

    [Fact]
    public void An_error_in_a_combination_names_one_row_of_each_axis()
    {
        var error = CaseText.Fails(Family.Replace("size: 4096", "size: -1", StringComparison.Ordinal));

        Assert.Equal(
            "cases/test/sample.yaml:9:63: steps[0].send.payload.length: -1 is out of range (0-2147483591) (matrix.product: data[0], size[2])",
            error.Message);
    }

    [Fact]
    public void Combinations_that_give_the_same_id_are_an_error()
    {
        var error = CaseText.Fails(Family.Replace("id: compression.payload-{data}.{name}", "id: compression.payload-{data}", StringComparison.Ordinal));

        Assert.Equal(
            "cases/test/sample.yaml:1:5: id: matrix.product: data[0], size[0] already gives the id 'compression.payload-json'; put a {variable} in the id (matrix.product: data[0], size[1])",
            error.Message);
    }
}
