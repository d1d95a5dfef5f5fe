using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Loads case files (cases/README.md): parses the YAML keeping every node's line and column, validates every field,
/// expands matrix families and checks that ids are unique. The first mistake throws a <see cref="CaseFileException"/>
/// naming file, line, column and field.
/// </summary>
public static class CaseLoader
{
    /// <summary>The top-level fields a case file may have (cases/schema.json lists the same).</summary>
    public static IReadOnlyList<string> TopLevelFields => CaseFields.TopLevel;

    /// <summary>The top-level fields a case file must have.</summary>
    public static IReadOnlyList<string> RequiredTopLevelFields => CaseFields.TopLevelRequired;

    /// <summary>Every <c>*.yaml</c> and <c>*.yml</c> file under <paramref name="casesDir"/>, in ordinal order of path.</summary>
    public static IReadOnlyList<string> FindCaseFiles(string casesDir)
    {
        ArgumentNullException.ThrowIfNull(casesDir);
        if (!Directory.Exists(casesDir))
        {
            throw new DirectoryNotFoundException($"no cases directory at {casesDir}");
        }

        return
        [
            .. Directory.EnumerateFiles(casesDir, "*", SearchOption.AllDirectories)
                .Where(path => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Select(path => Path.Combine(casesDir, Path.GetRelativePath(casesDir, path)))
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>Loads every case file under <paramref name="casesDir"/> (recursively).</summary>
    public static CaseCatalogue LoadDirectory(string casesDir) => LoadFiles(FindCaseFiles(casesDir));

    /// <summary>Loads case files and directories of case files; ids must be unique across all of them.</summary>
    public static CaseCatalogue LoadPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return LoadFiles(paths.SelectMany(path => Directory.Exists(path) ? FindCaseFiles(path) : [path]));
    }

    /// <summary>Loads the case (or the family's cases) of one file; errors name the file as <paramref name="path"/> spells it.</summary>
    public static IReadOnlyList<CaseDefinition> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return LoadText(File.ReadAllText(path), path);
    }

    /// <summary>Loads a case file's text; <paramref name="file"/> is the name errors and <see cref="CaseDefinition.Source"/> use.</summary>
    public static IReadOnlyList<CaseDefinition> LoadText(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var reader = new FieldReader(file);
        var root = YamlTreeReader.Read(yaml, file);
        var template = MapReader.Open(root, string.Empty, reader, CaseFields.TopLevel, "a case (id, title, spec, ...)");
        var cases = new List<CaseDefinition>();
        var rows = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var member in MatrixExpander.Expand(template.Node, reader))
        {
            var memberReader = reader.ForRow(member.Row);
            var definition = CaseParser.Parse(MapReader.Open(member.Root, string.Empty, memberReader, CaseFields.TopLevel, "a case"));
            if (rows.TryGetValue(definition.Id, out var firstRow))
            {
                throw memberReader.Error(member.Root.Entries.First(entry => entry.Key.Text == "id").Value, "id",
                    $"{firstRow} already gives the id '{definition.Id}'; put a {{variable}} in the id");
            }

            rows.Add(definition.Id, member.Row);
            cases.Add(definition);
        }

        return cases;
    }

    private static CaseCatalogue LoadFiles(IEnumerable<string> files)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var loadedFiles = new HashSet<string>(StringComparer.Ordinal);
        var cases = new List<CaseDefinition>();
        foreach (var file in files)
        {
            if (!loadedFiles.Add(Path.GetFullPath(file)))
            {
                continue;
            }

            foreach (var definition in LoadFile(file))
            {
                if (seen.TryGetValue(definition.Id, out var first))
                {
                    throw new CaseFileException(definition.Source.File, definition.Source.Line, definition.Source.Column, "id",
                        $"duplicate id '{definition.Id}' (also in {first})");
                }

                seen.Add(definition.Id, definition.Source);
                cases.Add(definition);
            }
        }

        return new CaseCatalogue(cases, loadedFiles.Count);
    }
}
