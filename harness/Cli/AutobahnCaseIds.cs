namespace Conformance.Harness.Cli;

/// <summary>The ids of the 517 cases of Autobahn|Testsuite (HEAD), so a spec can say which of its cases we lack.</summary>
internal static class AutobahnCaseIds
{
    /// <summary>Each subsection and its case count; ids run <c>prefix.1</c> to <c>prefix.count</c>.</summary>
    private static readonly (string Prefix, int Count)[] Subsections =
    [
        ("1.1", 8), ("1.2", 8), ("2", 11), ("3", 7), ("4.1", 5), ("4.2", 5), ("5", 20),
        ("6.1", 3), ("6.2", 4), ("6.3", 2), ("6.4", 4), ("6.5", 5), ("6.6", 11), ("6.7", 4), ("6.8", 2), ("6.9", 4),
        ("6.10", 3), ("6.11", 5), ("6.12", 8), ("6.13", 5), ("6.14", 10), ("6.15", 1), ("6.16", 3), ("6.17", 5),
        ("6.18", 5), ("6.19", 5), ("6.20", 7), ("6.21", 8), ("6.22", 34), ("6.23", 7),
        ("7.1", 6), ("7.3", 6), ("7.5", 1), ("7.7", 13), ("7.9", 9), ("7.13", 2),
        ("9.1", 6), ("9.2", 6), ("9.3", 9), ("9.4", 9), ("9.5", 6), ("9.6", 6), ("9.7", 6), ("9.8", 6),
        ("10.1", 1),
        ("12.1", 18), ("12.2", 18), ("12.3", 18), ("12.4", 18), ("12.5", 18),
        ("13.1", 18), ("13.2", 18), ("13.3", 18), ("13.4", 18), ("13.5", 18), ("13.6", 18), ("13.7", 18),
    ];

    /// <summary>Every Autobahn case id, in Autobahn's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Subsections.SelectMany(s => Enumerable.Range(1, s.Count).Select(i => $"{s.Prefix}.{i}"))];
}
