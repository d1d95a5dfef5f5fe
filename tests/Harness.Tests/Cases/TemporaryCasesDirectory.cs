namespace Conformance.Harness.Tests.Cases;

/// <summary>A cases directory under the temp folder, deleted on dispose.</summary>
internal sealed class TemporaryCasesDirectory : IDisposable
{
    public TemporaryCasesDirectory()
    {
        Path = Directory.CreateTempSubdirectory("wsconform-cases-").FullName;
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
