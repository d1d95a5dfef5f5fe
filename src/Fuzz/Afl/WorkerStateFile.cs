using System.IO.MemoryMappedFiles;

namespace Conformance.Fuzz.Afl;

/// <summary>
/// A 16-byte file both the supervisor and its worker map: the worker's <see cref="WorkerStage"/> and its count of runs.
/// Plain memory writes, so the bookkeeping costs no system call per run.
/// </summary>
internal sealed unsafe class WorkerStateFile : IDisposable
{
    private const int Size = 16;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly int* _fields;

    private WorkerStateFile(string path)
    {
        Path = path;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.OpenOrCreate, null, Size, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, Size);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _fields = (int*)(pointer + _view.PointerOffset);
    }

    public string Path { get; }

    public WorkerStage Stage
    {
        get => (WorkerStage)Volatile.Read(ref _fields[0]);
        set => Volatile.Write(ref _fields[0], (int)value);
    }

    public int Runs
    {
        get => Volatile.Read(ref _fields[1]);
        set => Volatile.Write(ref _fields[1], value);
    }

    public static WorkerStateFile Create()
    {
        var path = System.IO.Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath(), $"wsconform-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var state = new WorkerStateFile(path);
        state.Stage = WorkerStage.Idle;
        state.Runs = 0;
        return state;
    }

    public static WorkerStateFile Open(string path) => new(path);

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
