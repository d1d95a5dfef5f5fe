using System.CommandLine;
using Conformance.Harness.Cases.Loading;

namespace Conformance.Harness.Cli;

/// <summary>A command-line duration written as in case files (<c>500ms</c>, <c>5s</c>, <c>10m</c>); a bare number is seconds.</summary>
internal static class DurationOption
{
    public static Option<TimeSpan> Create(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} (e.g. 500ms, 5s, 10m; default {DurationText.Format(defaultValue)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Parse(text) is { } duration)
            {
                return duration;
            }

            result.AddError($"{name} '{text}' is not a duration: write 500ms, 5s, 1.5s, 10m or 1h (a bare number is seconds)");
            return defaultValue;
        },
    };

    /// <summary>The duration <paramref name="text"/> spells, or null.</summary>
    public static TimeSpan? Parse(string text)
    {
        if (DurationText.TryParse(text, out var duration))
        {
            return duration;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 1e9
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
