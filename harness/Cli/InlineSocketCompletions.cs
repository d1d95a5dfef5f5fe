namespace Conformance.Harness.Cli;

/// <summary>
/// For <c>serve</c> and <c>bench</c>: socket completions run their continuation on the event thread that saw them
/// instead of hopping to the thread pool. Both loops only parse, check and write between reads (no blocking call), and
/// the hop was most of a small echo's cost: measured on 2 cores, 64 connections of 32-byte echoes went from 44k to 79k
/// messages/s with both sides inline. The runtime reads the variable when the first socket starts waiting, so it is set
/// before anything else runs; a value the user set wins.
/// </summary>
internal static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void ApplyFor(string[] args)
    {
        if (args.Length > 0 && args[0] is "serve" or "bench" && Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
