namespace Conformance.Harness.Cases.Model;

/// <summary>Which implementations a case tests: servers (the harness connects), clients (the harness accepts), or both.</summary>
[Flags]
public enum CaseRoles
{
    /// <summary>The case tests a server: the harness is the client.</summary>
    Server = 1,

    /// <summary>The case tests a client: the harness is the server.</summary>
    Client = 2,

    Both = Server | Client,
}
