namespace Conformance.ReferenceImpl.Protocol;

/// <summary>A broken rule: which one, where the RFC states it, the close code to send, and what exactly was seen.</summary>
public sealed record ProtocolViolation(ProtocolRule Rule, string Detail)
{
    public string Section => ProtocolRules.Describe(Rule).Section;

    public ushort CloseCode => ProtocolRules.Describe(Rule).CloseCode;

    public string Requirement => ProtocolRules.Describe(Rule).Requirement;

    public override string ToString() => $"{Section}: {Requirement} ({Detail})";
}

/// <summary>Thrown by the strict parsers when input breaks a rule; carries the violation (and so the close code).</summary>
public sealed class ProtocolViolationException : Exception
{
    public ProtocolViolationException(ProtocolViolation violation)
        : base(violation.ToString())
    {
        Violation = violation;
    }

    public ProtocolViolationException()
        : this(new ProtocolViolation(ProtocolRule.ReservedOpcode, "unspecified"))
    {
    }

    public ProtocolViolationException(string message)
        : base(message)
    {
        Violation = new ProtocolViolation(ProtocolRule.ReservedOpcode, message);
    }

    public ProtocolViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violation = new ProtocolViolation(ProtocolRule.ReservedOpcode, message);
    }

    public ProtocolViolation Violation { get; }
}
