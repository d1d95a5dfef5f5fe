using System.Globalization;

namespace Conformance.Harness.Reporting.Markdown;

/// <summary>A run time for people: <c>850 ms</c>, <c>2.7 s</c>, <c>3 min 12 s</c>, <c>1 h 4 min</c>.</summary>
public static class RunTimeText
{
    /// <summary>The duration in the largest unit that reads well; a negative one counts as zero.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration.TotalSeconds switch
        {
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMilliseconds} ms"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes} min"),
        };
    }
}
