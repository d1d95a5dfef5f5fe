using Conformance.ReferenceImpl.Extensions;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>Which implementation permessage-deflate runs on, as a report states it.</summary>
public sealed class ZlibAvailabilityTests
{
    private static readonly string[] LinuxLibz = ["/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/aarch64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/libz.so.1", "/usr/lib64/libz.so.1"];

    [Fact]
    public void System_zlib_is_used_where_libz_so_1_is_installed()
    {
        if (!OperatingSystem.IsLinux() || !LinuxLibz.Any(File.Exists))
        {
            return;
        }

        Assert.True(ZlibAvailability.IsAvailable, ZlibAvailability.Problem);
        Assert.Null(ZlibAvailability.Problem);
        Assert.StartsWith("1.", ZlibAvailability.Version, StringComparison.Ordinal);
        Assert.Equal(DeflateImplementation.Zlib, ZlibAvailability.InUse);
        Assert.Contains(ZlibAvailability.Version!, ZlibAvailability.Description, StringComparison.Ordinal);
        using var deflater = new MessageDeflater(12, noContextTakeover: false);
        using var inflater = new MessageInflater(noContextTakeover: false, windowBits: 12);
        Assert.Equal(DeflateImplementation.Zlib, deflater.Implementation);
        Assert.Equal(DeflateImplementation.Zlib, inflater.Implementation);
    }

    [Fact]
    public void Forcing_the_fallback_lasts_until_disposed()
    {
        var usual = ZlibAvailability.InUse;
        using (ZlibAvailability.ForceManaged())
        {
            Assert.Equal(DeflateImplementation.Managed, ZlibAvailability.InUse);
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
        Assert.Equal(ZlibAvailability.IsAvailable ? DeflateImplementation.Zlib : DeflateImplementation.Managed, elsewhere);
    }
}
