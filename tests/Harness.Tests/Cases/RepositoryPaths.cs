namespace Conformance.Harness.Tests.Cases;

/// <summary>Finds the repository root (the folder holding Conformance.sln) by walking up from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Conformance.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"no Conformance.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string Cases => Path.Combine(Root, "cases");
}
