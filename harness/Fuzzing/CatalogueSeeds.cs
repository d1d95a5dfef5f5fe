using System.Security.Cryptography;
using Conformance.Fuzz.Seeds;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Running;

namespace Conformance.Harness.Fuzzing;

/// <summary>
/// Seeds for a coverage campaign: the fuzz project's own (built with the core's writer, deflater and accept key), plus,
/// for the targets that read frames, every distinct frame the case catalogue sends (up to <see cref="MaxSeedBytes"/>
/// each): the shapes the conformance cases found interesting are where the fuzzer starts.
/// </summary>
public static class CatalogueSeeds
{
    /// <summary>Seeds larger than this slow AFL++ down more than they teach it.</summary>
    public const int MaxSeedBytes = 4096;

    /// <summary>At most this many catalogue frames (AFL++ calibrates every seed at start-up).</summary>
    public const int MaxCatalogueSeeds = 300;

    private static readonly HashSet<string> FrameTargets = new(StringComparer.Ordinal) { "frames", "connection" };

    /// <summary>Writes the seeds for <paramref name="target"/> into <paramref name="directory"/>; returns how many came from the catalogue.</summary>
    public static int Write(string target, string directory, IReadOnlyList<CaseDefinition> catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        SeedCorpus.WriteTo(target, directory);
        if (!FrameTargets.Contains(target))
        {
            return 0;
        }

        var written = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var frame in catalogue.SelectMany(c => c.Steps).SelectMany(FramesOf))
        {
            byte[] bytes;
            try
            {
                bytes = FrameBytes.Build(frame).Bytes;
            }
            catch (Exception exception) when (exception is ArgumentException or OverflowException or InvalidOperationException)
            {
                continue;
            }

            var name = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
            if (bytes.Length > MaxSeedBytes || !seen.Add(name))
            {
                continue;
            }

            File.WriteAllBytes(Path.Combine(directory, $"catalogue-{name}"), bytes);
            if (++written >= MaxCatalogueSeeds)
            {
                break;
            }
        }

        return written;
    }

    private static IEnumerable<FrameSpec> FramesOf(Step step) => step switch
    {
        SendFrameStep send => [send.Frame],
        SendFramesStep sendAll => sendAll.Frames,
        RoundTripStep roundTrip => [roundTrip.Frame],
        _ => [],
    };
}
