using System.CommandLine;
using Conformance.Harness.Cases.Loading;
using Spectre.Console;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform cases list|show|validate</c>: browse and check the case catalogue.</summary>
public static class CasesCommand
{
    private const int PipeWidth = 200;

    public static Command Create()
    {
        var command = new Command("cases", "List, show and validate the case files");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateValidate());
        return command;
    }

    /// <summary><c>cases list</c>: a table of id, Autobahn id, level, the peers it tests and title.</summary>
    public static int List(string? casesDir, IReadOnlyList<string> filters, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryLoad("list", casesDir, error, out var catalogue))
        {
            return ExitCodes.UsageError;
        }

        var selected = catalogue.Select(new CaseFilter(filters));
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("id").NoWrap()).AddColumn(new TableColumn("autobahn").NoWrap())
            .AddColumn(new TableColumn("level").NoWrap()).AddColumn(new TableColumn("tests").NoWrap()).AddColumn("title");
        foreach (var definition in selected)
        {
            table.AddRow(
                new Text(definition.Id),
                new Text(definition.Autobahn ?? string.Empty),
                new Text(definition.Level.ToString().ToUpperInvariant()),
                new Text(CaseDescriber.Roles(definition.Roles)),
                new Text(definition.Title));
        }

        var console = ConsoleFor(output);
        console.Write(table);
        console.WriteLine($"{selected.Count} of {Count(catalogue.Count, "case")}");
        return ExitCodes.Success;
    }

    /// <summary><c>cases show ID</c>: every field of the case with this id (or of the cases covering this Autobahn id).</summary>
    public static int Show(string? casesDir, string id, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryLoad("show", casesDir, error, out var catalogue))
        {
            return ExitCodes.UsageError;
        }

        var found = catalogue.Find(id);
        if (found.Count == 0)
        {
            error.WriteLine($"wsconform cases show: no case with id or Autobahn id '{id}' (try: wsconform cases list --filter '{id}*')");
            return ExitCodes.UsageError;
        }

        for (var index = 0; index < found.Count; index++)
        {
            if (index > 0)
            {
                output.WriteLine();
            }

            foreach (var line in CaseDescriber.Describe(found[index]))
            {
                output.WriteLine(line);
            }
        }

        return ExitCodes.Success;
    }

    /// <summary><c>cases validate [PATHS...]</c>: loads files and directories (default: the cases directory).</summary>
    public static int Validate(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(output);
        if (paths.Count == 0)
        {
            return TryLoad("validate", null, error, out var catalogue) ? Report(catalogue, output) : ExitCodes.UsageError;
        }

        try
        {
            return Report(CaseLoader.LoadPaths(paths), output);
        }
        catch (Exception exception) when (exception is CaseFileException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(Problem("validate", exception));
            return ExitCodes.UsageError;
        }
    }

    private static Command CreateList()
    {
        var casesDir = CasesDirOption();
        var filter = new Option<string[]>("--filter")
        {
            Description = "Only cases whose id or Autobahn id matches this glob (* and ?; repeatable or comma-separated), e.g. 6.4.* or framing.*",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("list", "List the cases: id, Autobahn id, level and title");
        command.Options.Add(casesDir);
        command.Options.Add(filter);
        command.SetAction(parseResult => List(
            parseResult.GetValue(casesDir),
            parseResult.GetValue(filter) ?? [],
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static Command CreateShow()
    {
        var casesDir = CasesDirOption();
        var id = new Argument<string>("id") { Description = "The case id (e.g. framing.text.length-125) or an Autobahn case id (e.g. 1.1.1)" };
        var command = new Command("show", "Show every field of a case, its steps and expected events in readable form");
        command.Options.Add(casesDir);
        command.Arguments.Add(id);
        command.SetAction(parseResult => Show(
            parseResult.GetValue(casesDir),
            parseResult.GetValue(id) ?? string.Empty,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static Command CreateValidate()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Case files or directories of case files (default: the cases directory)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("validate", "Check case files; exit 0 with a count when all are valid, 2 with the first mistake (file:line:column: field: problem)");
        command.Arguments.Add(paths);
        command.SetAction(parseResult => Validate(
            parseResult.GetValue(paths) ?? [],
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static Option<string?> CasesDirOption() => new("--cases-dir")
    {
        Description = "The directory of case files (default: cases/ in the current directory or above, else the one shipped with wsconform)",
    };

    private static int Report(CaseCatalogue catalogue, TextWriter output)
    {
        output.WriteLine($"{Count(catalogue.Count, "case")} in {Count(catalogue.FileCount, "file")}: all valid");
        return ExitCodes.Success;
    }

    private static bool TryLoad(string verb, string? casesDir, TextWriter error, out CaseCatalogue catalogue)
    {
        catalogue = new CaseCatalogue([], 0);
        var directory = casesDir ?? CasesDirectory.FindDefault();
        if (directory is null)
        {
            error.WriteLine($"wsconform cases {verb}: no cases/ directory here or above, nor beside wsconform; give --cases-dir");
            return false;
        }

        try
        {
            catalogue = CaseLoader.LoadDirectory(casesDir is null ? CasesDirectory.ForDisplay(directory) : directory);
            return true;
        }
        catch (Exception exception) when (exception is CaseFileException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(Problem(verb, exception));
            return false;
        }
    }

    /// <summary>A case file mistake is printed as is (file:line:column: field: problem); other failures get the command's name.</summary>
    private static string Problem(string verb, Exception exception) =>
        exception is CaseFileException ? exception.Message : $"wsconform cases {verb}: {exception.Message}";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>A Spectre console on <paramref name="output"/>; when it is not a terminal, lines are wide so titles do not wrap in a pipe.</summary>
    private static IAnsiConsole ConsoleFor(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(output),
        });
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = PipeWidth;
        }

        return console;
    }
}
