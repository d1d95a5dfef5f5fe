using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Conformance.Fuzz.Runtime;

/// <summary>
/// The AFL edge map that instrumented code writes: at every block <c>Map[cur ^ Previous]++; Previous = cur &gt;&gt; 1</c>.
/// <see cref="Map"/> starts as a private 64 KiB buffer (so instrumented code runs anywhere, e.g. in tests) and is pointed at
/// AFL++'s shared memory by the fork server. Public fields because instrumented IL in other assemblies loads them directly.
/// </summary>
public static unsafe class Coverage
{
    /// <summary>AFL's default map size (MAP_SIZE = 1 &lt;&lt; 16); block ids are below it.</summary>
    public const int MapSize = 1 << 16;

#pragma warning disable CA2211 // Instrumented IL reads and writes these directly; a property would cost a call per block.
    /// <summary>
    /// When set, the map is this file, mapped shared (<c>wsconform fuzz --mode network --coverage</c> reads it from outside
    /// the process); the file must be at least <see cref="MapSize"/> bytes.
    /// </summary>
    public const string MapFileVariable = "WSCONFORM_COVERAGE_MAP";

    /// <summary>The edge counters (at least <see cref="MapSize"/> bytes).</summary>
    public static byte* Map = InitialMap();

    /// <summary>The previous block id shifted right by one (AFL's __afl_prev_loc).</summary>
    public static int Previous;
#pragma warning restore CA2211

    private static MemoryMappedFile? s_file;
    private static MemoryMappedViewAccessor? s_view;

    /// <summary>The file named by <see cref="MapFileVariable"/>, mapped; else a private zeroed buffer.</summary>
    private static byte* InitialMap()
    {
        if (Environment.GetEnvironmentVariable(MapFileVariable) is { Length: > 0 } path)
        {
            try
            {
                s_file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, MapSize, MemoryMappedFileAccess.ReadWrite);
                s_view = s_file.CreateViewAccessor(0, MapSize);
                byte* pointer = null;
                s_view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                return pointer + s_view.PointerOffset;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"Conformance.Fuzz.Runtime: cannot map {MapFileVariable}={path}: {exception.Message}; coverage is not shared");
            }
        }

        return (byte*)NativeMemory.AllocZeroed(MapSize);
    }

    /// <summary>Whether <see cref="Map"/> points at AFL++'s shared memory rather than the private buffer.</summary>
    public static bool IsShared { get; private set; }

    /// <summary>Starts a run: the next edge is counted from the entry (AFL resets __afl_prev_loc the same way).</summary>
    public static void BeginRun() => Previous = 0;

    /// <summary>Clears the map and the previous block (for in-process use; AFL++ clears the shared map itself).</summary>
    public static void Reset()
    {
        new Span<byte>(Map, MapSize).Clear();
        Previous = 0;
    }

    /// <summary>A copy of the map.</summary>
    public static byte[] Snapshot() => new ReadOnlySpan<byte>(Map, MapSize).ToArray();

    /// <summary>How many map entries are non-zero (edges hit since the last reset).</summary>
    public static int CountEdges()
    {
        var map = new ReadOnlySpan<byte>(Map, MapSize);
        return MapSize - map.Count((byte)0);
    }

    /// <summary>Points the map at <paramref name="sharedMap"/> (AFL++'s shared memory, at least <see cref="MapSize"/> bytes).</summary>
    public static void UseSharedMap(byte* sharedMap)
    {
        ArgumentNullException.ThrowIfNull(sharedMap);
        Map = sharedMap;
        IsShared = true;
    }
}
