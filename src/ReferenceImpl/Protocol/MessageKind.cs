namespace Conformance.ReferenceImpl.Protocol;

/// <summary>The two kinds of data message (RFC 6455 5.6).</summary>
public enum MessageKind
{
    Text,
    Binary,
}
