using Conformance.Harness.Cli;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

public class CasesCommandTests : IDisposable
{
    private readonly TemporaryCasesDirectory directory = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public CasesCommandTests()
    {
        directory.Write("framing/sample.yaml", CaseText.Header.Replace("level: MUST", "level: MUST\nautobahn: \"1.1.1\"", StringComparison.Ordinal) + """
            steps:
              - send: { opcode: text, payload: "Hello" }
            expect:
              OK:
                - message: text
                  payload: "Hello"
            close: { by: harness, codes: [1000] }
            """);
    }

    [Fact]
    public void List_prints_a_table_and_a_count()
    {
        var exit = CasesCommand.List(directory.Path, ["framing.*"], output, error);

        Assert.Equal(ExitCodes.Success, exit);
        var text = output.ToString();
        Assert.Contains("framing.sample", text, StringComparison.Ordinal);
        Assert.Contains("1.1.1", text, StringComparison.Ordinal);
        Assert.Contains("A sample case", text, StringComparison.Ordinal);
        Assert.Contains("1 of 1 case", text, StringComparison.Ordinal);
    }

    [Fact]
    public void List_with_a_filter_that_matches_nothing_shows_zero()
    {
        Assert.Equal(ExitCodes.Success, CasesCommand.List(directory.Path, ["9.*"], output, error));
        Assert.Contains("0 of 1 case", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Show_prints_every_field_and_readable_steps()
    {
        var exit = CasesCommand.Show(directory.Path, "1.1.1", output, error);

        Assert.Equal(ExitCodes.Success, exit);
        var text = output.ToString();
        Assert.Contains("id:            framing.sample", text, StringComparison.Ordinal);
        Assert.Contains("  1. send text \"Hello\" (5 bytes)", text, StringComparison.Ordinal);
        Assert.Contains("    1. message text \"Hello\" (5 bytes)", text, StringComparison.Ordinal);
        Assert.Contains("requirement:   The peer does something.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_of_an_unknown_id_exits_2()
    {
        Assert.Equal(ExitCodes.UsageError, CasesCommand.Show(directory.Path, "nope", output, error));
        Assert.Contains("no case with id or Autobahn id 'nope'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_counts_valid_cases()
    {
        Assert.Equal(ExitCodes.Success, CasesCommand.Validate([directory.Path], output, error));
        Assert.Equal("1 case in 1 file: all valid", output.ToString().Trim());
    }

    [Fact]
    public void Validate_prints_the_one_line_error_and_exits_2()
    {
        var bad = directory.Write("framing/bad.yaml", "id: framing.bad\ntitle: x\nsteps: {}\n");

        Assert.Equal(ExitCodes.UsageError, CasesCommand.Validate([bad], output, error));
        Assert.Equal($"{bad}:1:1: spec: required field is missing (a case has id, title, spec, level, stimulus, requirement, steps, expect and close)", error.ToString().Trim());
    }

    [Fact]
    public void Validate_of_a_missing_file_exits_2()
    {
        Assert.Equal(ExitCodes.UsageError, CasesCommand.Validate([Path.Combine(directory.Path, "none.yaml")], output, error));
        Assert.StartsWith("wsconform cases validate: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_parses_its_subcommands()
    {
        var command = CasesCommand.Create();

        Assert.Equal(["list", "show", "validate"], command.Subcommands.Select(subcommand => subcommand.Name));
        Assert.Empty(command.Parse(["list", "--cases-dir", "x", "--filter", "1.*", "--filter", "2.*"]).Errors);
        Assert.Empty(command.Parse(["show", "1.1.1"]).Errors);
        Assert.Empty(command.Parse(["validate", "a.yaml", "b"]).Errors);
        Assert.NotEmpty(command.Parse(["show"]).Errors);
    }

    public void Dispose()
    {
        directory.Dispose();
        output.Dispose();
        error.Dispose();
        GC.SuppressFinalize(this);
    }
}
