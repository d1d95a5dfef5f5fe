using System.CommandLine;
using Conformance.Harness.Cli;
using Xunit;

namespace Conformance.Harness.Tests.Cli;

/// <summary><c>wsconform bench</c> refuses bad input with exit 2 and a message that says what to write instead.</summary>
public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--target http://127.0.0.1:1/", "is not a target")]
    [InlineData("--size 12parsecs", "--size '12parsecs' is not valid")]
    [InlineData("--connections 0", "--connections '0' is not valid")]
    [InlineData("--size 64KiB..32", "--size '64KiB..32' is not valid")]
    [InlineData("--text --binary", "--text and --binary exclude each other")]
    [InlineData("--in-flight 0", "--in-flight is 1 to 4096")]
    [InlineData("--rate 0", "--rate must be positive")]
    [InlineData("--hold 0", "--hold is 1 to 1000000")]
    [InlineData("--header NoColon", "is not 'Name: value'")]
    [InlineData("--pid ws=12", "no --target or --compare is named 'ws'")]
    [InlineData("--pid 12", "--pid '12' is not NAME=PID")]
    public async Task Bad_input_exits_2_naming_the_option(string arguments, string message)
    {
        var (code, output) = await BenchAsync(["bench", .. arguments.Split(' ')]);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_compare_file_exits_2_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-bench-{Guid.NewGuid():N}.json");

        var (code, output) = await BenchAsync(["bench", "--compare", missing, "--duration", "1s"]);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(missing, output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> BenchAsync(string[] args)
    {
        var root = new RootCommand { BenchCommand.Create() };
        using var writer = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString());
    }
}
