using System.Collections;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// The header fields of a head, in the order received. Names compare ASCII case-insensitively
/// (RFC 7230 3.2); a name may occur more than once.
/// </summary>
public sealed class HttpHeaders : IReadOnlyList<HttpHeaderField>
{
    private readonly HttpHeaderField[] _fields;

    /// <summary>Creates the collection from fields in wire order.</summary>
    public HttpHeaders(IEnumerable<HttpHeaderField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
    }

    /// <summary>No header fields at all.</summary>
    public static HttpHeaders Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _fields.Length;

    /// <inheritdoc />
    public HttpHeaderField this[int index] => _fields[index];

    /// <summary>Whether at least one field has this name.</summary>
    public bool Contains(string name) => CountOf(name) > 0;

    /// <summary>How many field lines carry this name.</summary>
    public int CountOf(string name)
    {
        var count = 0;
        foreach (var field in _fields)
        {
            if (string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The values of every field with this name, in order.</summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        var values = new List<string>();
        foreach (var field in _fields)
        {
            if (string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(field.Value);
            }
        }

        return values;
    }

    /// <summary>
    /// The values of every field with this name joined by ", ", or null when there is none
    /// (RFC 7230 3.2.2: repeated fields of a list-valued name combine into one comma list).
    /// </summary>
    public string? GetCombined(string name)
    {
        var values = GetValues(name);
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    /// <summary>
    /// The non-empty elements of the comma lists in every field with this name, OWS trimmed
    /// (RFC 7230 7: empty list elements are ignored).
    /// </summary>
    public IReadOnlyList<string> GetTokens(string name)
    {
        var tokens = new List<string>();
        foreach (var value in GetValues(name))
        {
            foreach (var element in value.Split(','))
            {
                var trimmed = HttpSyntax.TrimOws(element);
                if (trimmed.Length > 0)
                {
                    tokens.Add(trimmed);
                }
            }
        }

        return tokens;
    }

    /// <summary>Whether a comma-list element of a field with this name equals the token, ASCII case-insensitively.</summary>
    public bool ContainsToken(string name, string token)
    {
        foreach (var element in GetTokens(name))
        {
            if (string.Equals(element, token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public IEnumerator<HttpHeaderField> GetEnumerator() => ((IEnumerable<HttpHeaderField>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join("\r\n", _fields);
}
