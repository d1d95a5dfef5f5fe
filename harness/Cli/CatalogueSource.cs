using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cli;

/// <summary>A case file or folder problem that stops a run before it starts (exit code 2).</summary>
public sealed class CatalogueException : Exception
{
    public CatalogueException(string message)
        : base(message)
    {
    }

    public CatalogueException()
    {
    }

    public CatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The cases a run uses: the catalogue folder, loaded and validated, filtered by --cases/--exclude, in id order.</summary>
public static class CatalogueSource
{
    public static IReadOnlyList<CaseDefinition> Load(string? casesDirectory, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        var directory = casesDirectory ?? CasesDirectory.FindDefault()
            ?? throw new CatalogueException("no cases/ folder found here, above, or next to wsconform; give one with --cases-dir");
        try
        {
            var catalogue = CaseLoader.LoadDirectory(directory);
            return catalogue.Select(new CaseFilter(include, exclude));
        }
        catch (CaseFileException exception)
        {
            throw new CatalogueException(exception.Message, exception);
        }
        catch (DirectoryNotFoundException exception)
        {
            throw new CatalogueException($"cases folder {directory} not found", exception);
        }
    }
}
