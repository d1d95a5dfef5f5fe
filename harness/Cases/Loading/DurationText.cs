using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Cases.Loading;

/// <summary>Durations as case files and the command line write them: <c>250ms</c>, <c>1s</c>, <c>1.5s</c>, <c>10m</c>, <c>1h</c>.</summary>
public static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (!match.Success
            || !decimal.TryParse(match.Groups["value"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var milliseconds = value * match.Groups["unit"].Value switch
        {
            "h" => 3_600_000,
            "m" => 60_000,
            "s" => 1000,
            _ => 1,
        };
        if (milliseconds > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>The shortest spelling that parses back: <c>250ms</c>, <c>1s</c>, <c>1.5s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var milliseconds = (decimal)duration.Ticks / TimeSpan.TicksPerMillisecond;
        return milliseconds >= 1000 || milliseconds == 0
            ? $"{(milliseconds / 1000).ToString("0.###", CultureInfo.InvariantCulture)}s"
            : $"{milliseconds.ToString("0.####", CultureInfo.InvariantCulture)}ms";
    }

    [GeneratedRegex(@"^(?<value>[0-9]+(?:\.[0-9]+)?)(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
