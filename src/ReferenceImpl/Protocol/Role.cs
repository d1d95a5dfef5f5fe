namespace Conformance.ReferenceImpl.Protocol;

/// <summary>Which end of the connection this endpoint is. It decides masking in both directions (RFC 6455 5.1, 5.3).</summary>
public enum Role
{
    Server,
    Client,
}
