namespace Conformance.Harness.Running.Machine;

/// <summary>What the case machine asks its driver to do on the connection. The driver does it and reports back.</summary>
public abstract record MachineAction;

/// <summary>Write these bytes, then call <see cref="CaseMachine.WriteCompleted"/> (or <see cref="CaseMachine.WriteFailed"/>).</summary>
public sealed record WriteAction(byte[] Bytes) : MachineAction;

/// <summary>Half-close the sending side (FIN; TLS close_notify first).</summary>
public sealed record ShutdownSendAction : MachineAction;

/// <summary>Reset the connection (RST instead of FIN).</summary>
public sealed record ResetAction : MachineAction;

/// <summary>Close the socket: the harness ends the connection itself.</summary>
public sealed record DropAction(string Reason) : MachineAction;
