namespace Conformance.Harness.Cases.Loading;

/// <summary>Lists names in plain words for error messages: "a, b or c".</summary>
internal static class Choices
{
    public static string Join(IReadOnlyList<string> choices) => Join(choices, "or");

    /// <summary>"a, b and c": for lists of things that all apply.</summary>
    public static string JoinAll(IReadOnlyList<string> items) => Join(items, "and");

    private static string Join(IReadOnlyList<string> items, string conjunction) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}",
    };
}
