namespace Conformance.Harness.Reporting.Gating;

/// <summary>A baseline file that cannot be read or written; the message names the file (and line, column and field when known).</summary>
public sealed class BaselineFileException(string message) : Exception(message);
