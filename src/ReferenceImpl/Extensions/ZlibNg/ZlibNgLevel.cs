namespace Conformance.ReferenceImpl.Extensions.ZlibNg;

/// <summary>
/// Our compression level (zlib's 1..9) as zlib-ng's. zlib-ng's level 1 is deflate_quick: static Huffman codes only
/// (deflate_quick.c emits STATIC_TREES blocks) and one hash probe per position. A conformance harness compresses to
/// exercise the peer's inflater, so its messages should carry what zlib's level 1 (deflate_fast) sends: dynamic
/// Huffman blocks with back-references found along hash chains. zlib-ng's level 2 is that deflate_fast; the other
/// levels keep their number (3..6 deflate_medium, 7..9 deflate_slow in zlib-ng, all dynamic Huffman).
/// </summary>
internal static class ZlibNgLevel
{
    /// <summary>zlib-ng's level for our <paramref name="level"/>.</summary>
    public static int For(int level) => level == 1 ? 2 : level;
}
