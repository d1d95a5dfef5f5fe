using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Serving;
using Xunit;

namespace Conformance.Harness.Tests.ClientTesting;

public class ResponseEditorTests
{
    private const string Valid = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: RIGHT=\r\nServer: wsconform\r\n\r\n";

    private static string Edit(ResponseEdits edits) => Encoding.Latin1.GetString(ResponseEditor.Apply(Encoding.Latin1.GetBytes(Valid), edits, "RIGHT="));

    [Fact]
    public void Setting_a_field_replaces_it_in_place_and_null_removes_it()
    {
        var edited = Edit(new ResponseEdits { SetHeaders = [new("Sec-WebSocket-Accept", "WRONG="), new("Upgrade", null)] });
        Assert.Equal("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: WRONG=\r\nServer: wsconform\r\n\r\n", edited);
    }

    [Fact]
    public void An_added_field_may_repeat_one_and_accept_stands_for_the_right_value()
    {
        var edited = Edit(new ResponseEdits { AddHeaders = [new("Sec-WebSocket-Accept", ResponseEdits.AcceptPlaceholder)] });
        Assert.EndsWith("Server: wsconform\r\nSec-WebSocket-Accept: RIGHT=\r\n\r\n", edited);
        Assert.Equal(2, edited.Split("Sec-WebSocket-Accept: RIGHT=").Length - 1);
    }

    [Fact]
    public void Another_status_keeps_the_upgrade_fields_and_says_its_body_is_empty()
    {
        var edited = Edit(new ResponseEdits { Status = 200 });
        Assert.StartsWith("HTTP/1.1 200 OK\r\nUpgrade: websocket\r\n", edited);
        Assert.EndsWith("Content-Length: 0\r\n\r\n", edited);
    }
}
