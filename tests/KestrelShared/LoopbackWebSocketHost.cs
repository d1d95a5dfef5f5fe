using System.Globalization;
using System.Net;

namespace Conformance.KestrelShared;

/// <summary>
/// The start of the Kestrel test servers: the port from the first argument (else WSCONFORM_PORT, else 0: any free port),
/// 127.0.0.1 only, app.UseWebSockets() without keep-alive pings, one handler, and the ready line the interop peers print.
/// </summary>
internal static class LoopbackWebSocketHost
{
    public static async Task RunAsync(string[] args, RequestDelegate handler)
    {
        var portText = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("WSCONFORM_PORT") ?? "0";
        var port = int.Parse(portText, CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Run(handler);
        await app.StartAsync();
        var address = app.Urls.FirstOrDefault() ?? $"http://127.0.0.1:{port}";
        Console.WriteLine($"LISTENING {new Uri(address).Port}");
        await app.WaitForShutdownAsync();
    }
}
