using System.Diagnostics;

namespace Conformance.Fuzz.Campaign;

/// <summary>Finding AFL++ and dotnet, and the environment AFL++ needs to drive a .NET target.</summary>
public static class AflTools
{
    /// <summary>The variables every AFL++ tool gets here: no UI, no CPU governor or core_pattern checks, no binary check (the target is <c>dotnet</c>, not an instrumented ELF), no CPU binding.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AFL_NO_UI"] = "1",
        ["AFL_SKIP_CPUFREQ"] = "1",
        ["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1",
        ["AFL_SKIP_BIN_CHECK"] = "1",
        ["AFL_NO_AFFINITY"] = "1",
        ["AFL_FAST_CAL"] = "1",
        ["AFL_FORKSRV_INIT_TMOUT"] = "60000",
    };

    /// <summary>The full path of a program: as given when it has a slash, else the first match on PATH; null if none.</summary>
    public static string? Find(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        var path = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The dotnet host: DOTNET_HOST_PATH (set by the SDK), this process when it is dotnet, else dotnet on PATH.</summary>
    public static string DotnetHost()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var self = System.Environment.ProcessPath;
        if (self is not null && string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            return self;
        }

        return Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");
    }

    internal static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
