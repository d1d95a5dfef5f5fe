namespace Conformance.Fuzz.Campaign;

/// <summary>Runs afl-tmin on a crashing input (it keeps only bytes the crash needs), bounded in time.</summary>
internal static class CrashMinimizer
{
    public static async Task<byte[]?> MinimizeAsync(string aflTmin, IReadOnlyList<string> targetCommand, string crashFile, string outputFile, int timeoutMs, TimeSpan limit, CancellationToken cancellationToken)
    {
        string[] arguments = ["-i", crashFile, "-o", outputFile, "-t", timeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", .. targetCommand];
        using var process = new BoundedProcess(AflTools.StartInfo(aflTmin, arguments));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await process.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        return process.HasExited && process.ExitCode == 0 && File.Exists(outputFile) ? await File.ReadAllBytesAsync(outputFile, CancellationToken.None).ConfigureAwait(false) : null;
    }
}
