using System.Text;

namespace Conformance.Harness.Fuzzing.Network.Supervision;

/// <summary>The last <see cref="Capacity"/> characters a process wrote to a stream (its stderr): where crashes say why.</summary>
public sealed class OutputTail(int capacity = 64 * 1024)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity;

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _text.Append(line).Append('\n');
            if (_text.Length > Capacity)
            {
                _text.Remove(0, _text.Length - Capacity);
            }
        }
    }

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _text.Clear();
        }
    }
}
