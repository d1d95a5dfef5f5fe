using System.Text;
using Conformance.Fuzz.Runtime;

namespace Conformance.Fuzz.Instrumentation;

/// <summary>
/// AFL block ids: a stable hash of the method and IL offset, so instrumenting the same assembly twice gives the same map
/// (AFL's compilers draw them at random; stable ids make findings reproducible across builds of the harness).
/// </summary>
internal static class BlockIds
{
    public static int For(string methodFullName, int ilOffset)
    {
        // FNV-1a over the UTF-8 name and the offset, folded to the map size.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(methodFullName))
        {
            hash = (hash ^ b) * 16777619u;
        }

        for (var shift = 0; shift < 32; shift += 8)
        {
            hash = (hash ^ (byte)(ilOffset >> shift)) * 16777619u;
        }

        return (int)((hash ^ (hash >> 16)) & (Coverage.MapSize - 1));
    }
}
