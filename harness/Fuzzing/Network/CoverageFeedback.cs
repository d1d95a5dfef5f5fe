using System.IO.MemoryMappedFiles;
using Conformance.Fuzz.Runtime;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// Edge coverage of an instrumented .NET server (the AFLNet idea, for .NET): a 64 KiB file the server's instrumented
/// assembly maps as its AFL edge map (Conformance.Fuzz.Runtime reads WSCONFORM_COVERAGE_MAP), read and cleared after every
/// test. A test that hits an edge never seen before reached new code. The seen edges are shared by every
/// worker of the campaign. Only a new edge counts, not a new hit-count bucket as in AFL++: the map also holds the
/// survival probe's connection and the server's own timing (how many reads a message took), so buckets would keep
/// every other test.
/// </summary>
public sealed class CoverageFeedback : IDisposable
{
    /// <summary>The environment variable that points the server's coverage runtime at the map file.</summary>
    public const string MapVariable = Coverage.MapFileVariable;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte[] _buffer = new byte[Coverage.MapSize];
    private readonly byte[] _zeros = new byte[Coverage.MapSize];
    private readonly SeenEdges _seen;

    public CoverageFeedback(string path, SeenEdges seen)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        _seen = seen;
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.SetLength(Coverage.MapSize);
        }

        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, Coverage.MapSize, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, Coverage.MapSize);
    }

    public string Path { get; }

    /// <summary>The edges the last collected test hit (map indices).</summary>
    public IReadOnlyList<int> LastEdges { get; private set; } = [];

    /// <summary>Reads what the last test hit and clears the map; the edges it hit first (none: nothing new).</summary>
    public IReadOnlyList<int> Collect()
    {
        _view.ReadArray(0, _buffer, 0, _buffer.Length);
        _view.WriteArray(0, _zeros, 0, _zeros.Length);
        var edges = new List<int>();
        for (var i = 0; i < _buffer.Length; i++)
        {
            if (_buffer[i] != 0)
            {
                edges.Add(i);
            }
        }

        LastEdges = edges;
        return _seen.Merge(_buffer);
    }

    /// <summary>Edges that came and went with the same input: timing, not input; they never make a test new again.</summary>
    public void MarkUnstable(IEnumerable<int> edges) => _seen.MarkUnstable(edges);

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }

    /// <summary>AFL's virgin map: the hit-count buckets seen so far per edge, and how many edges have any; new is an edge first hit.</summary>
    public sealed class SeenEdges
    {
        private readonly byte[] _virgin = new byte[Coverage.MapSize];
        private readonly Lock _lock = new();

        public int Edges { get; private set; }

        private readonly HashSet<int> _unstable = [];

        /// <summary>Adds a test's map; returns the edges never seen before (that are not known to be unstable).</summary>
        public IReadOnlyList<int> Merge(ReadOnlySpan<byte> map)
        {
            var fresh = new List<int>();
            lock (_lock)
            {
                for (var i = 0; i < map.Length; i++)
                {
                    if (map[i] == 0)
                    {
                        continue;
                    }

                    if (_virgin[i] == 0)
                    {
                        Edges++;
                        if (!_unstable.Contains(i))
                        {
                            fresh.Add(i);
                        }
                    }

                    _virgin[i] |= Bucket(map[i]);
                }
            }

            return fresh;
        }

        public void MarkUnstable(IEnumerable<int> edges)
        {
            lock (_lock)
            {
                _unstable.UnionWith(edges);
            }
        }

        /// <summary>AFL's hit-count classes: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+.</summary>
        private static byte Bucket(byte count) => count switch
        {
            1 => 1,
            2 => 2,
            3 => 4,
            < 8 => 8,
            < 16 => 16,
            < 32 => 32,
            < 128 => 64,
            _ => 128,
        };
    }
}
