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
    /// <summary>The edge counters (at least <see cref="MapSize"/> bytes).</summary>
    public static byte* Map = (byte*)NativeMemory.AllocZeroed(MapSize);

    /// <summary>The previous block id shifted right by one (AFL's __afl_prev_loc).</summary>
    public static int Previous;
#pragma warning restore CA2211

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
