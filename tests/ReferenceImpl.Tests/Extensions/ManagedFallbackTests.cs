using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;
using Xunit;
using static Conformance.ReferenceImpl.Tests.Extensions.Inflating;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>
/// The DeflateStream fallback, for where neither zlib engine is usable, forced here for this test's flow only: it keeps the
/// output rules and every window when compressing, but cannot check a peer's window.
/// </summary>
public sealed class ManagedFallbackTests : IDisposable
{
    private readonly IDisposable _managed = ZlibAvailability.ForceManaged();

    public void Dispose() => _managed.Dispose();

    [Fact]
    public void Forced_fallback_is_what_new_deflaters_and_inflaters_use()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false);
        using var inflater = new MessageInflater(noContextTakeover: false, windowBits: 9);

        Assert.Equal(DeflateImplementation.Managed, ZlibAvailability.InUse);
        Assert.Equal(DeflateImplementation.Managed, deflater.Implementation);
        Assert.Equal(DeflateImplementation.Managed, inflater.Implementation);
        Assert.Contains("not detected", ZlibAvailability.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Hello_compresses_to_the_bytes_of_RFC_7692_7_2_3_1_and_2()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false);

        Assert.Equal("F248CDC9C90700", Convert.ToHexString(Compress(deflater, "Hello"u8)));
        Assert.Equal("F200110000", Convert.ToHexString(Compress(deflater, "Hello"u8)));
        Assert.Equal("00", Convert.ToHexString(Compress(deflater, [])));
    }

    [Theory]
    [MemberData(nameof(MessageDeflaterWindowTests.EveryWindowWithAndWithoutContextTakeover), MemberType = typeof(MessageDeflaterWindowTests))]
    public void Every_window_round_trips_and_stays_within_the_window(int bits, bool noContextTakeover)
    {
        var noise = Noise((1 << bits) + (1 << (bits - 1)), bits);
        using var deflater = new MessageDeflater(bits, noContextTakeover);
        using var inflater = new MessageInflater(noContextTakeover, windowBits: bits);
        var inspector = new DeflateInspector();
        foreach (var message in new[] { [.. noise, .. noise], "Hello"u8.ToArray(), [], noise })
        {
            var compressed = Compress(deflater, message);

            Assert.Equal(message, Message(inflater, compressed));
            Assert.Equal(message, inspector.Decode([.. compressed, .. PerMessageDeflate.Trailer]));
        }

        Assert.InRange(inspector.MaxDistance, 0, 1 << bits);
    }

    [Fact]
    public void Window_check_is_unavailable_and_a_larger_window_goes_unnoticed()
    {
        // DeflateStream inflates with a 15-bit window whatever was agreed (RFC 7692 7.1.2.1 cannot be checked).
        var noise = Noise(768, 9);
        using var deflater = new MessageDeflater(15, noContextTakeover: true);
        var compressed = Compress(deflater, [.. noise, .. noise]);
        using var inflater = new MessageInflater(noContextTakeover: true, windowBits: 9);

        Assert.Equal([.. noise, .. noise], Message(inflater, compressed));
        Assert.Equal(FullWindowCheck.Unavailable, inflater.CheckWithFullWindow(compressed));
    }

    [Fact]
    public void Invalid_data_is_reported_as_such()
    {
        using var inflater = new MessageInflater(noContextTakeover: false);

        Assert.Throws<InvalidDataException>(() => Message(inflater, [0xff, 0xff]));
        Assert.Equal(InflateFailure.InvalidData, inflater.Failure);
    }

    [Fact]
    public void After_a_final_block_the_next_message_refers_into_the_window()
    {
        // RFC 7692 7.2.3.4, then 7.2.3.2.
        using var inflater = new MessageInflater(noContextTakeover: false);

        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F348CDC9C90700FFFF")));
        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F200110000")));
    }

    [Fact]
    public void Connection_with_the_fallback_round_trips_compressed_messages()
    {
        var agreed = new PerMessageDeflateParameters { ServerMaxWindowBits = 9, ClientMaxWindowBits = 9 };
        var sender = new WebSocketConnection(new ConnectionOptions { Role = Role.Client, PerMessageDeflate = agreed });
        var receiver = new WebSocketConnection(new ConnectionOptions { Role = Role.Server, PerMessageDeflate = agreed });
        var text = string.Concat(Enumerable.Repeat("fallback κόσμε ", 300));
        sender.SendMessage(MessageKind.Text, System.Text.Encoding.UTF8.GetBytes(text), compress: true);
        sender.SendMessage(MessageKind.Text, System.Text.Encoding.UTF8.GetBytes(text), compress: true);

        receiver.ReceiveAll(sender.PendingOutput.Span);

        Assert.True(receiver.TryDequeueEvent(out var first));
        Assert.True(receiver.TryDequeueEvent(out var second));
        Assert.Equal(text, Assert.IsType<MessageReceived>(first).Text);
        Assert.Equal(text, Assert.IsType<MessageReceived>(second).Text);
    }
}
