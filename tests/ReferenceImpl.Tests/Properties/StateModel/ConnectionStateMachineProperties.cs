using FsCheck;
using FsCheck.Experimental;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Properties.StateModel;

/// <summary>
/// FsCheck state-machine testing of the server side of the connection against a model of RFC 6455's states: random
/// sequences of peer frames (whole, fragmented, interleaved pings, reserved opcodes, invalid text, closes) and server
/// sends/closes; after every step the events, the frames written and the state must be what the model says.
/// A failing sequence is shrunk to the shortest that still breaks.
/// </summary>
public class ConnectionStateMachineProperties
{
    [Fact]
    public void Every_sequence_of_peer_frames_and_server_actions_follows_the_rfc_state_model()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), StateMachine.ToProperty(new ConnectionMachine()));
    }
}
