using Conformance.ClientDriver;

// A client driver for wsconform serve-cases (or Autobahn's fuzzingserver):
//   Conformance.ClientDriver BASE_URL AGENT [--client reference|dotnet|broken:FAULT] [--case-timeout SECONDS]
// BASE_URL defaults to $WSCONFORM_URL. Exit 0 when every case ran (whatever the verdicts), 2 when the server was unreachable.
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var baseUrl = positional.ElementAtOrDefault(0) ?? Environment.GetEnvironmentVariable("WSCONFORM_URL");
var agent = positional.ElementAtOrDefault(1) ?? "wsconform-reference-client";
if (baseUrl is null)
{
    Console.Error.WriteLine("usage: Conformance.ClientDriver BASE_URL AGENT [--client reference|dotnet|broken:FAULT] [--case-timeout SECONDS]");
    return 1;
}

var client = Option("--client") ?? "reference";
Func<Uri, CancellationToken, Task> echo = client switch
{
    "reference" => ReferenceEchoClient.EchoAsync,
    "dotnet" => DotnetEchoClient.EchoAsync,
    _ when client.StartsWith("broken:", StringComparison.Ordinal) && Enum.TryParse<ClientFault>(client["broken:".Length..], out var fault) => (url, token) => BrokenEchoClient.EchoAsync(url, fault, token),
    _ => throw new ArgumentException($"--client {client}: expected reference, dotnet or broken:{string.Join("|broken:", Enum.GetNames<ClientFault>())}"),
};
var timeout = TimeSpan.FromSeconds(double.Parse(Option("--case-timeout") ?? "60", System.Globalization.CultureInfo.InvariantCulture));
try
{
    var count = await AutobahnDriver.RunAsync(new Uri(baseUrl), agent, echo, Console.WriteLine, timeout, CancellationToken.None);
    Console.WriteLine($"DONE {count}");
    return 0;
}
catch (Exception exception) when (exception is System.Net.Sockets.SocketException or IOException or Conformance.ReferenceImpl.Transport.WebSocketHandshakeException or TimeoutException)
{
    Console.Error.WriteLine($"cannot drive {baseUrl}: {exception.Message}");
    return 2;
}
