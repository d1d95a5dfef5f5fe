using Conformance.Fuzz.Campaign;

namespace Conformance.Fuzz.Tests;

/// <summary>AFL++ (Debian package afl++) must be there under CI=true; elsewhere its tests return early when it is missing.</summary>
internal static class AflRequirement
{
    public static bool IsMet()
    {
        if (AflTools.Find("afl-fuzz") is not null && AflTools.Find("afl-tmin") is not null)
        {
            return true;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("afl-fuzz/afl-tmin are missing: install the Debian package afl++ (.ci/fuzz-smoke does)");
        }

        return false;
    }
}
