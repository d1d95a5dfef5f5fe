using System.Globalization;

namespace Conformance.Harness.Fuzzing.Network.Supervision;

/// <summary>
/// Resident memory of a process and its descendants (a shell's child, a server's workers), from /proc: VmRSS of each.
/// The tree is looked up again at most every <see cref="TreeRefresh"/>; RSS is read every time.
/// </summary>
public sealed class ProcessTreeMemory(int rootPid)
{
    private static readonly TimeSpan TreeRefresh = TimeSpan.FromSeconds(2);
    private IReadOnlyList<int> _tree = [rootPid];
    private long? _treeAt;

    /// <summary>Bytes resident now (0 when /proc cannot tell: not Linux, or the process is gone).</summary>
    public long ResidentBytes()
    {
        var now = Environment.TickCount64;
        if (_treeAt is not { } at || now - at > TreeRefresh.TotalMilliseconds)
        {
            _tree = Descendants(rootPid);
            _treeAt = now;
        }

        return _tree.Sum(VmRss);
    }

    private static long VmRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line[6..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return 0;
    }

    /// <summary>The root and every process whose parent chain leads to it (from /proc/*/stat).</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        try
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                try
                {
                    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
                {
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [root];
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree;
    }
}
