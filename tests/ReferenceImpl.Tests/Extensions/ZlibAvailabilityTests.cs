using Conformance.ReferenceImpl.Extensions;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>Which implementation permessage-deflate runs on, as a report states it.</summary>
public sealed class ZlibAvailabilityTests
{
    private static readonly string[] LinuxLibz = ["/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/aarch64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/libz.so.1", "/usr/lib64/libz.so.1"];

    [Fact]
    public void Runtime_zlib_ng_is_preferred_where_the_runtime_ships_it()
    {
        // .NET 10 on Linux, macOS and Windows carries zlib-ng in System.IO.Compression.Native.
        Assert.True(ZlibAvailability.IsZlibNgAvailable, ZlibAvailability.ZlibNgProblem);
        Assert.Null(ZlibAvailability.ZlibNgProblem);
        Assert.Equal(DeflateImplementation.ZlibNg, ZlibAvailability.Preferred);
        Assert.Equal(DeflateImplementation.ZlibNg, ZlibAvailability.InUse);
        Assert.Contains("zlib-ng", ZlibAvailability.Description, StringComparison.Ordinal);
        Assert.Contains("is detected", ZlibAvailability.Description, StringComparison.Ordinal);
        using var deflater = new MessageDeflater(12, noContextTakeover: false);
        using var inflater = new MessageInflater(noContextTakeover: false, windowBits: 12);
        Assert.Equal(DeflateImplementation.ZlibNg, deflater.Implementation);
        Assert.Equal(DeflateImplementation.ZlibNg, inflater.Implementation);
    }

    [Fact]
    public void System_zlib_is_available_where_libz_so_1_is_installed()
    {
        if (!OperatingSystem.IsLinux() || !LinuxLibz.Any(File.Exists))
        {
            return;
        }

        Assert.True(ZlibAvailability.IsAvailable, ZlibAvailability.Problem);
        Assert.Null(ZlibAvailability.Problem);
        Assert.StartsWith("1.", ZlibAvailability.Version, StringComparison.Ordinal);
        using var forced = ZlibAvailability.Force(DeflateImplementation.Zlib);
        Assert.Equal(DeflateImplementation.Zlib, ZlibAvailability.InUse);
        Assert.Contains(ZlibAvailability.Version!, ZlibAvailability.Description, StringComparison.Ordinal);
        using var deflater = new MessageDeflater(12, noContextTakeover: false);
        using var inflater = new MessageInflater(noContextTakeover: false, windowBits: 12);
        Assert.Equal(DeflateImplementation.Zlib, deflater.Implementation);
        Assert.Equal(DeflateImplementation.Zlib, inflater.Implementation);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Forcing_an_engine_lasts_until_disposed(DeflateImplementation engine)
    {
        var usual = ZlibAvailability.InUse;
        using (ZlibAvailability.Force(engine))
        {
            Assert.Equal(engine, ZlibAvailability.InUse);
            using var deflater = new MessageDeflater(9, noContextTakeover: false);
            Assert.Equal(engine, deflater.Implementation);
        }

        Assert.Equal(usual, ZlibAvailability.InUse);
    }

    [Fact]
    public void Forcing_the_fallback_does_not_reach_other_flows()
    {
        using var managed = ZlibAvailability.ForceManaged();
        var elsewhere = DeflateImplementation.Managed;
        var thread = new Thread(() => elsewhere = ZlibAvailability.InUse);
        using (ExecutionContext.SuppressFlow())
        {
            thread.Start();
        }

        thread.Join();
        Assert.Equal(ZlibAvailability.Preferred, elsewhere);
    }

    [Fact]
    public void Engines_are_preferred_in_order_zlib_ng_then_zlib_then_managed()
    {
        Assert.Equal(DeflateImplementation.Managed, ZlibAvailability.Resolve(DeflateImplementation.Managed));
        Assert.Equal(ZlibAvailability.IsAvailable ? DeflateImplementation.Zlib : DeflateImplementation.Managed, ZlibAvailability.Resolve(DeflateImplementation.Zlib));
        Assert.Equal(
            ZlibAvailability.IsZlibNgAvailable ? DeflateImplementation.ZlibNg : ZlibAvailability.Resolve(DeflateImplementation.Zlib),
            ZlibAvailability.Resolve(DeflateImplementation.ZlibNg));
    }
}
