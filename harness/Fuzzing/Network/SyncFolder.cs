using System.Globalization;
using Conformance.Fuzz.Network;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// A campaign's corpus and findings in AFL++'s sync layout: <c>SYNC/NAME/queue/id:NNNNNN,...</c>,
/// <c>SYNC/NAME/crashes/</c>, <c>SYNC/NAME/hangs/</c>, each file the bytes a client sends (head, then frames). Every
/// worker writes its own folder and reads the others' queues (other machines' campaigns, or coverage mode's AFL++
/// instances pointed at the same folder), as AFL++'s -M/-S instances do.
/// </summary>
public sealed class SyncFolder(string root, string name)
{
    private readonly HashSet<string> _imported = new(StringComparer.Ordinal);
    private int _queued;
    private int _crashes;
    private int _hangs;

    public string Root { get; } = root;

    public string Name { get; } = name;

    private string Own => Path.Combine(Root, Name);

    public void Create()
    {
        Directory.CreateDirectory(Path.Combine(Own, "queue"));
        Directory.CreateDirectory(Path.Combine(Own, "crashes"));
        Directory.CreateDirectory(Path.Combine(Own, "hangs"));
    }

    /// <summary>An input that did something new: <c>queue/id:NNNNNN,src:wsconform,op:WHY</c>.</summary>
    public void Queue(NetworkInput input, string why)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = Interlocked.Increment(ref _queued) - 1;
        File.WriteAllBytes(Path.Combine(Own, "queue", string.Create(CultureInfo.InvariantCulture, $"id:{id:D6},src:wsconform,op:{why}")), input.ToWireBytes());
    }

    /// <summary>A finding's input: hangs (and stuck connections) under hangs/, the rest under crashes/.</summary>
    public void Finding(NetworkInput input, FindingKind kind, string id)
    {
        ArgumentNullException.ThrowIfNull(input);
        var hang = kind is FindingKind.Hang or FindingKind.StuckConnection or FindingKind.Unresponsive;
        var number = hang ? Interlocked.Increment(ref _hangs) - 1 : Interlocked.Increment(ref _crashes) - 1;
        var file = string.Create(CultureInfo.InvariantCulture, $"id:{number:D6},sig:{(kind == FindingKind.Crash ? "06" : "00")},src:wsconform,op:{kind.Slug()},finding:{id}");
        File.WriteAllBytes(Path.Combine(Own, hang ? "hangs" : "crashes", file), input.ToWireBytes());
    }

    /// <summary>Queue entries of the other folders not read before (at most <paramref name="max"/> per call).</summary>
    public IReadOnlyList<NetworkInput> Import(int max = 200)
    {
        var inputs = new List<NetworkInput>();
        if (!Directory.Exists(Root))
        {
            return inputs;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root).Where(d => !string.Equals(Path.GetFileName(d), Name, StringComparison.Ordinal)))
        {
            var queue = Path.Combine(folder, "queue");
            if (!Directory.Exists(queue))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(queue, "id:*").Order(StringComparer.Ordinal))
            {
                if (inputs.Count >= max)
                {
                    return inputs;
                }

                if (!_imported.Add(file))
                {
                    continue;
                }

                try
                {
                    var bytes = File.ReadAllBytes(file);
                    if (bytes.Length <= NetworkMutator.MaxFrameBytes)
                    {
                        inputs.Add(NetworkInput.FromWireBytes(bytes));
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        return inputs;
    }
}
