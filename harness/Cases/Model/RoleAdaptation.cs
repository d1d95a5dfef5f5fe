using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Cases.Model;

/// <summary>
/// A case written once runs against a server or a client: with the harness as the server, every frame whose mask bit the
/// case did not choose goes unmasked (RFC 6455 5.1: a server MUST NOT mask what it sends). A fixed key given only so the
/// slices of one frame agree is dropped with the mask, and the slice offsets move with the shorter header.
/// </summary>
public static class RoleAdaptation
{
    /// <summary>The case as the harness runs it when it is the server (it tests a client).</summary>
    public static CaseDefinition ForHarnessAsServer(CaseDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with { Steps = [.. definition.Steps.Select(Adapt)] };
    }

    private static Step Adapt(Step step) => step switch
    {
        SendFrameStep send => send with { Frame = Unmasked(send.Frame) },
        SendFramesStep send => send with { Frames = [.. send.Frames.Select(Unmasked)] },
        RoundTripStep trips => trips with { Frame = Unmasked(trips.Frame) },
        _ => step,
    };

    /// <summary>The frame as a server writes it, unless the case chose its mask bit (a masked server frame is a test).</summary>
    public static FrameSpec Unmasked(FrameSpec frame)
    {
        if (frame.MaskChosen || !frame.Masked)
        {
            return frame;
        }

        // The 4 key bytes follow the base header and the extended length; offsets past them move back by 4.
        var length = frame.LengthOverride ?? (ulong)frame.Payload.Length;
        var form = frame.LengthForm == LengthEncoding.Minimal ? LengthEncodingRules.MinimalFor(length) : frame.LengthForm;
        var keyAt = 2 + LengthEncodingRules.ExtraBytes(form);
        int? Move(int? offset) => offset is { } at ? (at <= keyAt ? at : Math.Max(keyAt, at - 4)) : null;
        return frame with { Masked = false, MaskKey = null, SliceFrom = Move(frame.SliceFrom), SliceTo = Move(frame.SliceTo) };
    }
}
