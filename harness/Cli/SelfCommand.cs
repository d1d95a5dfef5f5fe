namespace Conformance.Harness.Cli;

/// <summary>How to start this program again as a child process (the reference server as its own process).</summary>
internal static class SelfCommand
{
    /// <summary>This program's own <c>serve</c> command on {port}, for <c>/bin/sh -c</c>.</summary>
    public static string ServeOnPort()
    {
        var self = typeof(SelfCommand).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var program = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? $"{Quote(host)} {Quote(self)}" : Quote(host);
        return $"{program} serve --listen ws://127.0.0.1:{{port}}/ --log-level Warning";
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
