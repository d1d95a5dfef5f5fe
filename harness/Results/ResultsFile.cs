namespace Conformance.Harness.Results;

/// <summary>
/// Keeps results.json current while a run goes on: the file is rewritten (to a temporary file, then renamed, so a reader
/// never sees half a file) at most every <see cref="MinInterval"/> (less often when writing it takes long) and once more at the end. Ctrl-C keeps what finished.
/// </summary>
public sealed class ResultsFile
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private TimeSpan _lastWriteTook;

    public ResultsFile(string path, TimeProvider? time = null)
    {
        _path = path;
        _time = time ?? TimeProvider.System;
    }

    public static TimeSpan MinInterval { get; } = TimeSpan.FromMilliseconds(500);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public string Path => _path;

    /// <summary>Writes the document now.</summary>
    public void Write(ResultsDocument document) => Update(() => document, force: true);

    /// <summary>
    /// Writes the document if the last write is older than <see cref="MinInterval"/> (or when <paramref name="force"/>);
    /// the document is only built when it is written.
    /// </summary>
    public void Update(Func<ResultsDocument> document, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            // A big document is not rewritten more often than five times what writing it costs.
            if (!force && now - _lastWrite < Max(MinInterval, _lastWriteTook * 5))
            {
                return;
            }

            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var temporary = _path + ".tmp";
            File.WriteAllBytes(temporary, ResultsJson.SerializeToUtf8(document()).Span);
            File.Move(temporary, _path, overwrite: true);
            _lastWrite = now;
            _lastWriteTook = _time.GetUtcNow() - now;
        }
    }
}
