using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Conformance.Harness.Cli;

/// <summary>The console logger every command uses: simple formatter, one line per entry, with timestamps.</summary>
public static class CliLogging
{
    public static ILoggerFactory CreateFactory(LogLevel minimumLevel) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(minimumLevel);
        builder.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            options.UseUtcTimestamp = false;
            options.ColorBehavior = LoggerColorBehavior.Default;
        });
    });
}
