using Xunit;

namespace Conformance.Harness.Tests.Cases;

public class CaseLoaderErrorTests
{
    [Fact]
    public void An_unknown_opcode_gives_the_one_line_message()
    {
        var error = CaseText.FailsWithBody("""
            steps:
              - send: { opcode: text }
              - pause: 1s
              - send: { opcode: txt }
            expect: {}
            close: { by: harness, codes: [1000] }
            """);

        Assert.Equal(
            "cases/test/sample.yaml:10:21: steps[2].send.opcode: unknown opcode 'txt' (expected continuation, text, binary, close, ping, pong or 0-15)",
            error.Message);
        Assert.Equal(error.Message, error.ToString());
        Assert.Equal(CaseText.File, error.File);
        Assert.Equal(10, error.Line);
        Assert.Equal(21, error.Column);
        Assert.Equal("steps[2].send.opcode", error.Field);
    }

    [Fact]
    public void An_unknown_top_level_field_is_an_error_listing_the_known_ones()
    {
        var error = CaseText.FailsWithBody("steps: []\nexpect: {}\nclose: { by: harness, codes: [1000] }\ntimout: 2s\n");

        Assert.Equal(
            "cases/test/sample.yaml:10:1: timout: unknown field 'timout' (expected id, title, spec, level, autobahn, stimulus, requirement, handshake, steps, expect, close, timeout, on-timeout, informational, roles, survives or matrix)",
            error.Message);
    }

    [Fact]
    public void A_typo_in_a_frame_field_is_an_error()
    {
        var error = CaseText.FailsWithBody("steps:\n  - send: { opcode: text, paylod: x }\n" + CaseText.EchoEnd);

        Assert.Equal(
            "cases/test/sample.yaml:8:27: steps[0].send.paylod: unknown field 'paylod' (expected opcode, fin, rsv, payload, mask, length, length-form, slice, fragment, writes, chop or chop-delay)",
            error.Message);
    }

    [Fact]
    public void A_missing_required_field_names_it()
    {
        var error = CaseText.Fails("""
            id: framing.x
            title: X
            spec: [RFC 6455 5.2]
            level: MUST
            stimulus: s
            steps: []
            expect: {}
            close: { by: harness, codes: [1000] }
            """);

        Assert.Equal(
            "cases/test/sample.yaml:1:1: requirement: required field is missing (a case has id, title, spec, level, stimulus, requirement, steps, expect and close)",
            error.Message);
    }

    [Fact]
    public void A_yaml_syntax_error_maps_to_file_line_and_column()
    {
        var error = CaseText.Fails("id: framing.x\ntitle: [unclosed\nspec: x\n");

        Assert.Equal(CaseText.File, error.File);
        Assert.True(error.Line >= 2, error.Message);
        Assert.Equal(string.Empty, error.Field);
        Assert.StartsWith($"{CaseText.File}:{error.Line}:{error.Column}: YAML: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_duplicate_key_is_an_error()
    {
        var error = CaseText.Fails("id: framing.x\ntitle: a\ntitle: b\n");

        Assert.Equal("cases/test/sample.yaml:3:1: title: duplicate key (first at line 2)", error.Message);
    }

    [Fact]
    public void An_empty_file_and_a_non_map_are_errors()
    {
        Assert.Equal("cases/test/sample.yaml:1:1: the file is empty; expected a case (a map with id, title, ...)", CaseText.Fails("").Message);
        Assert.Equal("cases/test/sample.yaml:1:1: expected a case (id, title, spec, ...) (a map), got a list", CaseText.Fails("- a\n").Message);
    }

    [Fact]
    public void A_second_document_is_an_error()
    {
        var error = CaseText.Fails(CaseText.Header + "steps: []\n" + CaseText.EchoEnd + "\n---\nid: framing.y\n");

        Assert.Equal(10, error.Line);
        Assert.Contains("a second YAML document", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id: Framing.X", 1, "id", "'Framing.X' is not an id: <area>.<name>, lowercase letters, digits, '-' and '.', e.g. framing.text.length-125")]
    [InlineData("id: framing", 1, "id", "'framing' is not an id: <area>.<name>, lowercase letters, digits, '-' and '.', e.g. framing.text.length-125")]
    [InlineData("level: MAY", 4, "level", "unknown level 'MAY' (expected MUST, SHOULD or INFORMATIONAL)")]
    [InlineData("spec: [RFC 6455]", 3, "spec[0]", "'RFC 6455' is not a section; write RFC 6455 5.2 or RFC 7692 7.1")]
    [InlineData("spec: []", 3, "spec", "expected at least one section, such as RFC 6455 5.2")]
    [InlineData("spec: RFC 6455 5.2", 3, "spec", "expected a list of sections such as RFC 6455 5.2, got the string \"RFC 6455 5.2\"")]
    [InlineData("title: \"\"", 2, "title", "expected one non-empty line")]
    public void Bad_header_fields_name_the_field(string replacement, int line, string field, string problem)
    {
        var name = replacement[..replacement.IndexOf(':', StringComparison.Ordinal)];
        var header = string.Join('\n', CaseText.Header.Split('\n').Select(existing => existing.StartsWith(name + ":", StringComparison.Ordinal) ? replacement : existing));
        var error = CaseText.Fails(header + "steps: []\n" + CaseText.EchoEnd);

        Assert.Equal((line, field, problem), (error.Line, error.Field, error.Problem));
    }

    [Theory]
    [InlineData("autobahn: 5.6", "autobahn", "expected a string, got the number 5.6 (quote it: \"5.6\")")]
    [InlineData("autobahn: \"5.x\"", "autobahn", "'5.x' is not an Autobahn case id such as \"1.1.1\"")]
    [InlineData("timeout: 1", "timeout", "expected a duration such as 250ms, 1s, 1.5s or 10m, got the number 1")]
    [InlineData("timeout: 0s", "timeout", "must be longer than 0s")]
    [InlineData("timeout: 1min", "timeout", "expected a duration such as 250ms, 1s, 1.5s or 10m, got the string \"1min\"")]
    [InlineData("on-timeout: kill", "on-timeout", "expected fail or close, got 'kill'")]
    [InlineData("informational: yes", "informational", "expected true or false, got the string \"yes\"")]
    [InlineData("expect: { FAIL: [] }", "expect.FAIL", "unknown field 'FAIL' (expected OK or NON-STRICT)")]
    [InlineData("close: { by: client, codes: [1000] }", "close.by", "expected harness or peer, got 'client'")]
    [InlineData("close: { by: peer, codes: [] }", "close.codes", "expected at least one close code")]
    [InlineData("close: { by: peer, codes: [70000] }", "close.codes[0]", "70000 is out of range (0-65535)")]
    [InlineData("close: { by: peer, codes: [\"1002\"] }", "close.codes[0]", "expected an integer, got the string \"1002\" (write it without quotes)")]
    [InlineData("close: { by: peer }", "close.codes", "required field is missing")]
    [InlineData("steps: {}", "steps", "expected a list of steps, got a map")]
    public void Bad_fields_name_the_field(string line, string field, string problem)
    {
        var body = new Dictionary<string, string>
        {
            ["steps"] = "steps: []",
            ["expect"] = "expect: {}",
            ["close"] = "close: { by: harness, codes: [1000] }",
        };
        var name = line[..line.IndexOf(':', StringComparison.Ordinal)];
        body[name] = line;
        var error = CaseText.FailsWithBody(string.Join('\n', body.Values) + "\n");

        Assert.Equal((field, problem), (error.Field, error.Problem));
        Assert.True(error.Line >= 7);
    }

    [Theory]
    [InlineData("send: { opcode: 16 }", "steps[0].send.opcode", "unknown opcode '16' (expected continuation, text, binary, close, ping, pong or 0-15)")]
    [InlineData("send: { payload: a }", "steps[0].send.opcode", "required field is missing")]
    [InlineData("send: { opcode: text, rsv: 8 }", "steps[0].send.rsv", "8 is out of range (0-7)")]
    [InlineData("send: { opcode: text, fin: 0 }", "steps[0].send.fin", "expected true or false, got the number 0")]
    [InlineData("send: { opcode: text, mask: abc }", "steps[0].send.mask", "expected true, false or an 8-hex-digit key such as 37fa213d, got the string \"abc\"")]
    [InlineData("send: { opcode: text, length-form: 32 }", "steps[0].send.length-form", "expected 7, 16 or 64, got 32")]
    [InlineData("send: { opcode: text, length: 126, length-form: 7 }", "steps[0].send.length-form", "a length of 126 does not fit the 7-bit form (at most 125)")]
    [InlineData("send: { opcode: text, length: -1 }", "steps[0].send.length", "-1 is out of range (0-18446744073709551615)")]
    [InlineData("send: { opcode: text, chop-delay: 1ms }", "steps[0].send.chop-delay", "chop-delay needs chop (the piece size in bytes)")]
    [InlineData("send: { opcode: text, chop: -1 }", "steps[0].send.chop", "-1 is out of range (0-2147483647)")]
    [InlineData("send: { opcode: text, payload: abc, slice: [0, 2] }", "steps[0].send.slice", "a slice needs a fixed mask key (mask: 0a0b0c0d) or mask: false, so every slice serialises the same frame")]
    [InlineData("send: { opcode: text, payload: abc, mask: false, slice: [0, 6] }", "steps[0].send.slice[1]", "6 is out of range (1-5)")]
    [InlineData("send: { opcode: text, mask: false, slice: [1] }", "steps[0].send.slice", "expected [FROM, TO] (two byte offsets), got 1 items")]
    [InlineData("send-all: { frames: [] }", "steps[0].send-all.frames", "expected at least one frame")]
    [InlineData("send-all: { writes: all, frames: [ { opcode: text } ] }", "steps[0].send-all.writes", "expected one or per-frame, got the string \"all\"")]
    [InlineData("send: { opcode: text, writes: 1 }", "steps[0].send.writes", "expected one or per-frame, got the number 1")]
    [InlineData("send: { opcode: text, fragment: -1 }", "steps[0].send.fragment", "-1 is out of range (0-2147483647)")]
    [InlineData("send-all: { frames: [ { opcode: text, chop: 1 } ] }", "steps[0].send-all.frames[0].chop", "unknown field 'chop' (expected opcode, fin, rsv, payload, mask, length, length-form, slice or fragment)")]
    [InlineData("raw: { chop: 1 }", "steps[0].raw.bytes", "required field is missing")]
    [InlineData("pause: 5", "steps[0].pause", "expected a duration such as 250ms, 1s, 1.5s or 10m, got the number 5")]
    [InlineData("pause: { mark: x }", "steps[0].pause.duration", "required field is missing")]
    [InlineData("close: 70000", "steps[0].close", "70000 is out of range (0-65535)")]
    [InlineData("close: nothing", "steps[0].close", "expected a close code (0-65535), none, or { code, reason }, got the string \"nothing\"")]
    [InlineData("close: { reason: x }", "steps[0].close.code", "required field is missing")]
    [InlineData("shutdown: half", "steps[0].shutdown", "expected fin or reset, got the string \"half\"")]
    [InlineData("wait: 1s", "steps[0].wait", "unknown field 'wait' (expected send, send-all, raw, pause, close, shutdown or round-trips)")]
    [InlineData("{ pause: 1s, close: 1000 }", "steps[0].close", "a step has one action; this one has 'pause' and 'close' (make them two steps)")]
    [InlineData("{}", "steps[0]", "a step needs one action: send, send-all, raw, pause, close, shutdown or round-trips")]
    public void Bad_steps_name_the_field(string step, string field, string problem)
    {
        var error = CaseText.FailsWithBody($"steps:\n  - {step}\n{CaseText.EchoEnd}");

        Assert.Equal((8, field, problem), (error.Line, error.Field, error.Problem));
    }

    [Theory]
    [InlineData("{ message: txt, payload: a }", "expect.OK[0].message", "expected text or binary, got 'txt'")]
    [InlineData("{ message: text }", "expect.OK[0].payload", "a message needs payload (exact bytes) or length (with optional sha256)")]
    [InlineData("{ message: text, payload: a, length: 1 }", "expect.OK[0].length", "give payload or length, not both")]
    [InlineData("{ message: text, payload: a, sha256: ab }", "expect.OK[0].sha256", "sha256 goes with length, not with payload")]
    [InlineData("{ message: text, length: 1, sha256: ab }", "expect.OK[0].sha256", "expected 64 hex digits, got 'ab'")]
    [InlineData("{ ping: a, payload: b }", "expect.OK[0].payload", "'payload' does not go with 'ping' (write ping: VALUE)")]
    [InlineData("{ ping: a, pong: b }", "expect.OK[0].pong", "an expected event has one of message, ping, pong, mark or echo; found 'ping' and 'pong'")]
    [InlineData("{ payload: a }", "expect.OK[0]", "an expected event is one of message, ping, pong, mark or echo")]
    [InlineData("{ pings: a }", "expect.OK[0].pings", "unknown field 'pings' (expected message, ping, pong, mark, echo, payload, length, sha256 or repeat)")]
    [InlineData("{ mark: \"\" }", "expect.OK[0].mark", "expected one non-empty line")]
    public void Bad_events_name_the_field(string expected, string field, string problem)
    {
        var error = CaseText.FailsWithBody($"steps: []\nexpect:\n  OK:\n    - {expected}\nclose: {{ by: harness, codes: [1000] }}\n");

        Assert.Equal((10, field, problem), (error.Line, error.Field, error.Problem));
    }

    [Theory]
    [InlineData("{ raw: x, method: GET }", "handshake.method", "raw replaces the whole request, so 'method' has no effect; remove one of them")]
    [InlineData("{ set: { \"Bad Name\": x } }", "handshake.set.Bad Name", "'Bad Name' is not a header field name (a token: letters, digits, !#$%&'*+-.^_`|~)")]
    [InlineData("{ add: [ { X-A: null } ] }", "handshake.add[0].X-A", "expected a value, got nothing (null)")]
    [InlineData("{ expect-status: [ 99 ] }", "handshake.expect-status[0]", "99 is out of range (100-599)")]
    [InlineData("{ expect-status: [] }", "handshake.expect-status", "expected at least one status code")]
    [InlineData("{ chop: { delay: 1ms } }", "handshake.chop.size", "required field is missing")]
    [InlineData("{ method: \"G T\" }", "handshake.method", "'G T' is not a token (no spaces or separators)")]
    [InlineData("{ set: { X-A: \"a\\r\\nb\" } }", "handshake.set.X-A", "a header value must not contain CR or LF (use raw for a malformed request)")]
    [InlineData("{ sett: {} }", "handshake.sett", "unknown field 'sett' (expected method, http-version, set, add, add-filler, raw, chop, frames-with-request, plain-http, expect-status, expect-headers, expect-absent, deflate or response)")]
    public void Bad_handshakes_name_the_field(string handshake, string field, string problem)
    {
        var error = CaseText.FailsWithBody($"handshake: {handshake}\nsteps: []\n{CaseText.EchoEnd}");

        Assert.Equal((7, field, problem), (error.Line, error.Field, error.Problem));
    }

    [Theory]
    [InlineData("{}", "matrix.product", "required field is missing")]
    [InlineData("{ rows: [] }", "matrix.rows", "unknown field 'rows': a matrix is a list of rows (- { rows: ..., ... }) or { product: { AXIS: [rows], ... } }")]
    [InlineData("{ product: [] }", "matrix.product", "expected the axes of the product (a map of AXIS: [rows]), got a list")]
    [InlineData("{ product: {} }", "matrix.product", "expected the axes of the product (a map of AXIS: [rows]), got an empty map")]
    [InlineData("{ product: { \"a b\": [1] } }", "matrix.product.a b", "'a b' is not an axis name (letters, digits, _ and -)")]
    [InlineData("{ product: { n: 1 } }", "matrix.product.n", "expected a list of rows (maps of variables) or values, got the number 1")]
    [InlineData("{ product: { n: [] } }", "matrix.product.n", "expected at least one row")]
    [InlineData("{ product: { n: [ { a: 1 }, 2 ] } }", "matrix.product.n[1]", "matrix.product.n[0] is a row (a map of variables) and this is not; write every item of axis 'n' the same way")]
    [InlineData("{ product: { n: [ { a: 1 }, { b: 1 } ] } }", "matrix.product.n[1].a", "this row has no 'a', which matrix.product.n[0] has (every row sets the same variables)")]
    [InlineData("{ product: { n: [ { \"a b\": 1 } ] } }", "matrix.product.n[0].a b", "'a b' is not a variable name (letters, digits, _ and -); if it is part of a value, quote that value (a comma ends an unquoted value inside { })")]
    [InlineData("{ product: { a: [ { y: 1 } ], y: [1, 2] } }", "matrix.product.y", "'y' is already a variable of axis 'a' (line 10); each variable belongs to one axis")]
    public void Bad_matrix_products_name_the_field(string matrix, string field, string problem)
    {
        var error = CaseText.FailsWithBody($"steps: []\n{CaseText.EchoEnd}\nmatrix: {matrix}\n");

        Assert.Equal((10, field, problem), (error.Line, error.Field, error.Problem));
    }

    [Fact]
    public void A_variable_in_two_axes_of_a_product_names_both()
    {
        var error = CaseText.FailsWithBody($$"""
            steps: []
            {{CaseText.EchoEnd}}
            matrix:
              product:
                a:
                  - { x: 1, y: 2 }
                b:
                  - { z: 1, y: 3 }
            """);

        Assert.Equal(
            "cases/test/sample.yaml:15:17: matrix.product.b[0].y: 'y' is already a variable of axis 'a' (line 13); each variable belongs to one axis",
            error.Message);
    }
}
