using Microsoft.Win32.SafeHandles;

namespace Conformance.Fuzz.Afl;

/// <summary>
/// Where a run's input comes from: the file AFL++ names with <c>@@</c>, or (without a path) standard input, which AFL++
/// makes a regular file it rewrites before each run, so it is read from offset 0 every time.
/// </summary>
internal sealed class InputSource
{
    private readonly string? _path;
    private byte[] _buffer = new byte[4096];

    public InputSource(string? path)
    {
        _path = path;
    }

    public ReadOnlySpan<byte> Read()
    {
        if (_path is null)
        {
            using var stdin = new SafeFileHandle(0, ownsHandle: false);
            return ReadAll(stdin);
        }

        using var handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return ReadAll(handle);
    }

    private ReadOnlySpan<byte> ReadAll(SafeFileHandle handle)
    {
        var total = 0;
        while (true)
        {
            if (total == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var n = RandomAccess.Read(handle, _buffer.AsSpan(total), total);
            if (n == 0)
            {
                return _buffer.AsSpan(0, total);
            }

            total += n;
        }
    }
}
