namespace Conformance.Harness.Cases.Loading;

/// <summary>Finds the default cases directory: <c>cases/</c> in the current directory or an ancestor, else the <c>cases</c> folder next to the executable.</summary>
public static class CasesDirectory
{
    public const string Name = "cases";

    /// <summary>The default cases directory, or null when there is none.</summary>
    public static string? FindDefault() => FindDefault(Environment.CurrentDirectory, AppContext.BaseDirectory);

    public static string? FindDefault(string startDirectory, string executableDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, Name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        var besideExecutable = Path.Combine(executableDirectory, Name);
        return Directory.Exists(besideExecutable) ? besideExecutable : null;
    }

    /// <summary>A path as a user reads it: relative to the current directory when it is below it, else absolute.</summary>
    public static string ForDisplay(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative;
    }
}
