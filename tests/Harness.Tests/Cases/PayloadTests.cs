using Conformance.Harness.Cases.Model;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

public class PayloadTests
{
    [Theory]
    [InlineData("\"abc\"", "616263")]
    [InlineData("abc", "616263")]
    [InlineData("\"\"", "")]
    [InlineData("~", "")]
    [InlineData("{ text: \"é\" }", "c3a9")]
    [InlineData("{ hex: \"cebae1bd\" }", "cebae1bd")]
    [InlineData("{ hex: \"ce ba e1 bd\" }", "cebae1bd")]
    [InlineData("{ hex: 00 }", "00")]
    [InlineData("{ hex: \"\" }", "")]
    [InlineData("{ repeat: \"ab\", length: 5 }", "6162616261")]
    [InlineData("{ repeat: \"*\", length: 0 }", "")]
    [InlineData("{ repeat-hex: \"fe\", length: 3 }", "fefefe")]
    [InlineData("{ repeat-hex: 0001, length: 3 }", "000100")]
    [InlineData("{ close-code: 1000 }", "03e8")]
    [InlineData("{ close-code: 1000, reason: \"ok\" }", "03e86f6b")]
    [InlineData("{ close-code: 65535, reason-hex: \"ff\" }", "ffffff")]
    [InlineData("{ concat: [ \"a\", { hex: \"ff\" }, { repeat: \"b\", length: 2 } ] }", "61ff6262")]
    [InlineData("{ concat: [] }", "")]
    public void Payload_forms_build_the_expected_bytes(string payload, string hex)
    {
        var frame = Assert.IsType<SendFrameStep>(CaseText.LoadStep($"send: {{ opcode: binary, payload: {payload} }}")).Frame;

        Assert.Equal(hex, Convert.ToHexStringLower(frame.Payload));
    }

    [Fact]
    public void A_large_repeat_has_exactly_its_length()
    {
        var frame = Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: binary, payload: { repeat: \"0123456789\", length: 65536 } }")).Frame;

        Assert.Equal(65536, frame.Payload.Length);
        Assert.Equal((byte)'5', frame.Payload[65535]);
    }

    [Theory]
    [InlineData("{ hex: \"abc\" }", "steps[0].send.payload.hex", "expected hex digits, two per byte (spaces allowed between bytes), got 'abc'")]
    [InlineData("{ hex: \"zz\" }", "steps[0].send.payload.hex", "expected hex digits, two per byte (spaces allowed between bytes), got 'zz'")]
    [InlineData("{ text: a, hex: \"00\" }", "steps[0].send.payload.hex", "a payload map has exactly one of text, hex, repeat, repeat-hex, close-code, concat or generate; found 'text' and 'hex'")]
    [InlineData("{ repeat: \"*\" }", "steps[0].send.payload.length", "required field is missing")]
    [InlineData("{ repeat: \"\", length: 3 }", "steps[0].send.payload.repeat", "the pattern to repeat is empty")]
    [InlineData("{ hex: \"00\", length: 3 }", "steps[0].send.payload.length", "'length' does not go with 'hex' (a hex payload has hex)")]
    [InlineData("{ close-code: 70000 }", "steps[0].send.payload.close-code", "70000 is out of range (0-65535)")]
    [InlineData("{ close-code: 1000, reason: a, reason-hex: \"00\" }", "steps[0].send.payload.reason-hex", "give reason or reason-hex, not both")]
    [InlineData("{ length: 3 }", "steps[0].send.payload", "a payload map needs one of text, hex, repeat, repeat-hex, close-code, concat or generate")]
    [InlineData("{ txt: a }", "steps[0].send.payload.txt", "unknown field 'txt' (expected text, hex, repeat, repeat-hex, close-code, concat, generate, length, reason, reason-hex or seed)")]
    [InlineData("123", "steps[0].send.payload", "expected a payload (a string or a map with text, hex, repeat, repeat-hex, close-code, concat or generate), got the number 123 (quote it: \"123\")")]
    [InlineData("[ a ]", "steps[0].send.payload", "expected a payload (a string or a map with text, hex, repeat, repeat-hex, close-code, concat or generate), got a list")]
    [InlineData("{ concat: [ 1 ] }", "steps[0].send.payload.concat[0]", "expected a payload (a string or a map with text, hex, repeat, repeat-hex, close-code, concat or generate), got the number 1 (quote it: \"1\")")]
    public void Bad_payloads_name_the_field(string payload, string field, string problem)
    {
        var error = CaseText.FailsWithBody($"steps:\n  - send: {{ opcode: binary, payload: {payload} }}\n{CaseText.EchoEnd}");

        Assert.Equal(field, error.Field);
        Assert.Equal(problem, error.Problem);
        Assert.Equal(8, error.Line);
    }
}
