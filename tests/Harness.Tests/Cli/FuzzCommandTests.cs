using System.CommandLine;
using Conformance.Harness.Cli;
using Xunit;

namespace Conformance.Harness.Tests.Cli;

/// <summary><c>wsconform fuzz</c> refuses a bad <c>--dictionary</c> with exit 2 before anything starts, naming the file and the line.</summary>
public sealed class FuzzCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wsconform-fuzz-cli-").FullName;

    [Fact]
    public async Task A_malformed_dictionary_exits_2_naming_the_file_and_the_line()
    {
        var path = Path.Combine(_folder, "chat.dict");
        await File.WriteAllTextAsync(path, "# chat\nnick=\"NICK\"\njoin=\"JOIN\n");

        var (code, output) = await FuzzAsync(["fuzz", "--mode", "network", "--dictionary", path, "--report-dir", Path.Combine(_folder, "report")]);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains($"wsconform fuzz: {path} line 3: missing closing quote", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "report")));
    }

    [Fact]
    public async Task A_missing_dictionary_exits_2_naming_the_file()
    {
        var good = Path.Combine(_folder, "good.dict");
        await File.WriteAllTextAsync(good, "\"NICK\"\n");
        var missing = Path.Combine(_folder, "missing.dict");

        var (code, output) = await FuzzAsync(["fuzz", "--mode", "network", "--dictionary", good, "--dictionary", missing, "--report-dir", Path.Combine(_folder, "report")]);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(missing, output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Output)> FuzzAsync(string[] args)
    {
        var root = new RootCommand { FuzzCommand.Create() };
        using var writer = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString());
    }
}
