using System.CommandLine;
using Conformance.Harness.Cli;

InlineSocketCompletions.ApplyFor(args);
var root = new RootCommand("wsconform: WebSocket conformance harness and reference implementation (RFC 6455, RFC 7692)");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(CasesCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ServeCasesCommand.Create());
root.Subcommands.Add(FuzzCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

// Ctrl-C (SIGINT) and SIGTERM cancel the action's token; give the graceful 1001 shutdown time to finish.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A typo is not a failed gate: usage errors exit 2, as the README promises.
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync($"wsconform: {error.Message}");
    }

    await Console.Error.WriteLineAsync("Run 'wsconform --help' (or 'wsconform COMMAND --help') for the options.");
    return ExitCodes.UsageError;
}

return await parsed.InvokeAsync(invocation);
