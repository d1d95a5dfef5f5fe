namespace Conformance.Fuzz.Afl;

/// <summary>Ends a worker whose supervisor died (its parent changed), so no orphan outlives a campaign.</summary>
internal static class ParentWatch
{
    public static void Start()
    {
        var parent = Libc.GetParentProcessId();
        var thread = new Thread(() =>
        {
            while (Libc.GetParentProcessId() == parent)
            {
                Thread.Sleep(500);
            }

            Environment.Exit(0);
        })
        { IsBackground = true, Name = "wsconform-fuzz parent watch" };
        thread.Start();
    }
}
