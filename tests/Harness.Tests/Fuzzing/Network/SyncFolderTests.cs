using Conformance.Fuzz.Network;
using Conformance.Harness.Fuzzing.Network;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing.Network;

/// <summary>Campaigns share corpus and findings through a folder in AFL++'s sync layout.</summary>
public sealed class SyncFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wsconform-sync-").FullName;

    private static readonly NetworkInput Input = new()
    {
        Head = ["GET /chat HTTP/1.1", "Host: {host}", "Sec-WebSocket-Key: {key}"],
        Frames = [new WireFrame { Opcode = 1, Fin = false, Payload = "ab"u8.ToArray() }, new WireFrame { Opcode = 9 }],
    };

    [Fact]
    public void A_worker_reads_what_another_queued_once_and_not_its_own()
    {
        var first = new SyncFolder(_root, "machine-a-w0");
        var second = new SyncFolder(_root, "machine-b-w0");
        first.Create();
        second.Create();
        first.Queue(Input, "answer");

        var imported = Assert.Single(second.Import());
        Assert.Equal(Input.ToWireBytes(), imported.ToWireBytes());
        Assert.Empty(second.Import());
        Assert.Empty(first.Import());
    }

    [Fact]
    public void Files_are_named_and_placed_as_afl_plus_plus_lays_them_out()
    {
        var folder = new SyncFolder(_root, "w0");
        folder.Create();
        folder.Queue(Input, "edges");
        folder.Finding(Input, FindingKind.Crash, "fuzz.crash-1");
        folder.Finding(Input, FindingKind.Hang, "fuzz.hang-2");

        Assert.Equal("id:000000,src:wsconform,op:edges", Path.GetFileName(Assert.Single(Directory.GetFiles(Path.Combine(_root, "w0", "queue")))));
        Assert.StartsWith("id:000000,sig:06,", Path.GetFileName(Assert.Single(Directory.GetFiles(Path.Combine(_root, "w0", "crashes")))), StringComparison.Ordinal);
        Assert.StartsWith("id:000000,sig:00,", Path.GetFileName(Assert.Single(Directory.GetFiles(Path.Combine(_root, "w0", "hangs")))), StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_bytes_another_fuzzer_wrote_are_read_as_frames_after_a_default_head()
    {
        var afl = Path.Combine(_root, "afl-main", "queue");
        Directory.CreateDirectory(afl);
        File.WriteAllBytes(Path.Combine(afl, "id:000000,orig:seed"), [0x81, 0x82, 1, 2, 3, 4, 0x69 ^ 1, 0x69 ^ 2]);
        var folder = new SyncFolder(_root, "w0");
        var imported = Assert.Single(folder.Import());
        Assert.Equal(NetworkInput.DefaultHead, imported.Head);
        Assert.Equal("ii"u8.ToArray(), Assert.Single(imported.Frames).Payload);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
