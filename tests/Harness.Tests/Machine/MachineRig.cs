using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.Harness.Running.Machine;
using Conformance.ReferenceImpl.Framing;
using Microsoft.Extensions.Time.Testing;

namespace Conformance.Harness.Tests.Machine;

/// <summary>
/// Drives a <see cref="CaseMachine"/> by hand on a fake clock: what it writes is parsed into frames, the test plays the
/// peer (its frames, its end of stream) and moves time. No socket, no wall time.
/// </summary>
internal sealed class MachineRig : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly DateTimeOffset _start;
    private readonly FrameStreamParser _written = new();
    private readonly List<Frame> _frames = [];
    private bool _writePending;

    public MachineRig(CaseDefinition definition, MachineSettings? settings = null)
    {
        _start = _time.GetUtcNow();
        Wire = new WireLog(() => Now);
        Machine = new CaseMachine(definition, (settings ?? new MachineSettings()) with { MaskKeys = () => 0x01020304 }, Wire);
    }

    public CaseMachine Machine { get; }

    public WireLog Wire { get; }

    public TimeSpan Now => _time.GetUtcNow() - _start;

    /// <summary>Transport actions other than writes, in order (shutdown, reset, drop).</summary>
    public List<MachineAction> TransportActions { get; } = [];

    /// <summary>Every frame the machine wrote so far, unmasked.</summary>
    public IReadOnlyList<Frame> Written
    {
        get
        {
            Pump();
            return _frames;
        }
    }

    public DropAction? Dropped => TransportActions.OfType<DropAction>().FirstOrDefault();

    public void Start()
    {
        Machine.Start(Now);
        Pump();
    }

    /// <summary>Moves the fake clock and lets the machine see the time.</summary>
    public void Advance(TimeSpan by)
    {
        _time.Advance(by);
        Machine.Tick(Now);
        Pump();
    }

    public void Advance(int milliseconds) => Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Moves to the machine's next deadline (or not at all when it has none).</summary>
    public void AdvanceToDeadline()
    {
        if (Machine.NextDeadline is { } at && at > Now)
        {
            Advance(at - Now);
        }
        else
        {
            Machine.Tick(Now);
            Pump();
        }
    }

    public void PeerSends(params byte[][] frames)
    {
        foreach (var frame in frames)
        {
            Machine.Receive(frame, Now);
        }

        Pump();
    }

    public void PeerCloses(bool reset = false)
    {
        Machine.ReceiveEnd(reset, null, Now);
        Pump();
    }

    /// <summary>Completes writes as the driver would (each at once), keeping the next one pending when <paramref name="hold"/>.</summary>
    public void Pump(bool hold = false)
    {
        while (true)
        {
            if (_writePending && !hold)
            {
                _writePending = false;
                Machine.WriteCompleted(Now);
            }

            if (!Machine.TryTakeAction(out var action))
            {
                return;
            }

            if (action is WriteAction write)
            {
                _frames.AddRange(_written.Feed(write.Bytes));
                _writePending = true;
            }
            else
            {
                TransportActions.Add(action!);
            }
        }
    }

    public Observation Complete() => Machine.Complete(new Observation { CaseId = "test", Wire = [] });

    public void Dispose() => Machine.Dispose();

    /// <summary>A frame as a server sends it (unmasked).</summary>
    public static byte[] Server(Opcode opcode, string text, bool fin = true) => Server(opcode, Encoding.UTF8.GetBytes(text), fin);

    public static byte[] Server(Opcode opcode, byte[] payload, bool fin = true, bool masked = false) =>
        FrameWriter.ToBytes(new FrameHeader { Fin = fin, Opcode = opcode, PayloadLength = (ulong)payload.Length, Masked = masked, MaskKey = masked ? 0x0A0B0C0Du : 0 }, payload);

    public static byte[] Close(ushort? code) => Server(Opcode.Close, code is { } c ? [(byte)(c >> 8), (byte)c] : []);
}
