using Conformance.Harness.Cases.Model;
using Xunit;

namespace Conformance.Harness.Tests.ClientTesting;

public class RoleAdaptationTests
{
    [Fact]
    public void A_frame_as_a_server_writes_it_is_unmasked_RFC_6455_5_1()
    {
        var frame = RoleAdaptation.Unmasked(new FrameSpec { Opcode = 1, Payload = [0x48] });
        Assert.False(frame.Masked);
        Assert.Null(frame.MaskKey);
    }

    [Fact]
    public void A_mask_the_case_chose_stays_so_a_masked_server_frame_can_be_sent()
    {
        var frame = RoleAdaptation.Unmasked(new FrameSpec { Opcode = 1, Masked = true, MaskChosen = true });
        Assert.True(frame.Masked);
    }

    [Fact]
    public void Slices_of_a_frame_whose_key_only_made_them_agree_move_with_the_shorter_header()
    {
        // Autobahn 6.4.3: a 21-byte text frame with key 0a0b0c0d cut at 17 and 21: payload bytes 11 and 15.
        var masked = new FrameSpec { Opcode = 1, Payload = new byte[21], MaskKey = 0x0a0b0c0d, SliceFrom = 17, SliceTo = 21 };
        var unmasked = RoleAdaptation.Unmasked(masked);
        Assert.Equal((13, 17), (unmasked.SliceFrom, unmasked.SliceTo));
        Assert.Equal((0, 2), (RoleAdaptation.Unmasked(masked with { SliceFrom = 0, SliceTo = 6 }).SliceFrom, RoleAdaptation.Unmasked(masked with { SliceFrom = 0, SliceTo = 6 }).SliceTo));
    }
}
