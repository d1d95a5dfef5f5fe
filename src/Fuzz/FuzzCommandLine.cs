using System.Globalization;
using Conformance.Fuzz.Afl;
using Conformance.Fuzz.Campaign;
using Conformance.Fuzz.Instrumentation;
using Conformance.Fuzz.Seeds;
using Conformance.Fuzz.Targets;

namespace Conformance.Fuzz;

/// <summary>
/// The commands of Conformance.Fuzz.Host.dll (the harness offers the same as <c>wsconform fuzz ...</c>):
/// <c>afl TARGET [INPUT]</c> (what AFL++ runs, out of process), <c>afl-inprocess TARGET [INPUT]</c>,
/// <c>replay TARGET FILE...</c>, <c>instrument IN OUT [--include PREFIX]...</c>, <c>seeds TARGET DIR</c>,
/// <c>self-check</c> (every target over its seeds) and <c>campaign --target T [--seconds N] [--instances N] [--work DIR] [--timeout MS]</c>.
/// </summary>
public static class FuzzCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args)
        {
            case ["afl", var target, .. var rest]:
                Fuzzer.OutOfProcess.Run(TargetResolver.Resolve(target), rest.FirstOrDefault());
                return Environment.ExitCode;
            case ["afl-inprocess", var target, .. var rest]:
                Fuzzer.Run(TargetResolver.Resolve(target), rest.FirstOrDefault());
                return 0;
            case ["replay", var target, .. var files] when files.Length > 0:
                var action = TargetResolver.Resolve(target);
                foreach (var file in files)
                {
                    action(File.ReadAllBytes(file));
                    Console.WriteLine($"{file}: no unexpected exception");
                }

                return 0;
            case ["instrument", var input, var output, .. var options]:
                var result = Instrumenter.Instrument(input, output, Includes(options));
                Console.WriteLine($"{result.OutputPath}: {result.Types} types, {result.Methods} methods, {result.Blocks} blocks instrumented");
                return 0;
            case ["seeds", var target, var directory]:
                var count = SeedCorpus.WriteTo(target, directory);
                FuzzDictionary.WriteTo(target, Path.Combine(directory, "..", $"{target}.dict"));
                Console.WriteLine($"{count} seeds in {directory}");
                return 0;
            case ["self-check"]:
                return SelfCheck.Run(Console.Out);
            case ["campaign", .. var options]:
                return await CampaignAsync(options).ConfigureAwait(false);
            default:
                Console.Error.WriteLine("usage: Conformance.Fuzz afl|afl-inprocess TARGET [INPUT] | replay TARGET FILE... | instrument IN OUT [--include PREFIX]... | seeds TARGET DIR | self-check | campaign --target T [--seconds N] [--instances N] [--work DIR] [--timeout MS]");
                Console.Error.WriteLine($"targets: {string.Join(", ", ReferenceTargets.All.Keys)}, or Assembly:Namespace.Type.Method");
                return 2;
        }
    }

    private static List<string> Includes(string[] options)
    {
        var includes = new List<string>();
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            if (options[i] == "--include")
            {
                includes.Add(options[i + 1]);
            }
        }

        return includes;
    }

    private static async Task<int> CampaignAsync(string[] options)
    {
        string Option(string name, string fallback)
        {
            var index = Array.IndexOf(options, name);
            return index >= 0 && index + 1 < options.Length ? options[index + 1] : fallback;
        }

        var target = Option("--target", "frames");
        var campaign = new CampaignOptions
        {
            Target = target,
            WorkDirectory = Option("--work", Path.Combine(Path.GetTempPath(), $"wsconform-fuzz-{target}")),
            Duration = TimeSpan.FromSeconds(int.Parse(Option("--seconds", "60"), CultureInfo.InvariantCulture)),
            Instances = int.Parse(Option("--instances", "1"), CultureInfo.InvariantCulture),
            TimeoutMilliseconds = int.Parse(Option("--timeout", "1000"), CultureInfo.InvariantCulture),
        };
        var progress = new Progress<CampaignProgress>(p => Console.WriteLine($"{target}: {p}"));
        var result = await CoverageCampaign.RunAsync(campaign, progress, CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine($"{target}: final {result.Final}");
        foreach (var crash in result.Crashes)
        {
            Console.WriteLine($"{target}: crash {crash.CrashFile} -> {(crash.Minimized is null ? "not minimised" : Convert.ToHexString(crash.Minimized))} {crash.RegressionTestFile}");
        }

        if (result.AflEndedEarly)
        {
            Console.WriteLine($"{target}: AFL++ ended early:\n{result.AflOutputTail}");
        }

        return result.Crashes.Count == 0 && !result.AflEndedEarly ? 0 : 1;
    }
}
