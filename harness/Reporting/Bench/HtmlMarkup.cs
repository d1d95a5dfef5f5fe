namespace Conformance.Harness.Reporting.Bench;

/// <summary>HTML that this code wrote itself (never text from a target): an <see cref="HtmlBuilder"/> hole of this type is copied as it is.</summary>
internal readonly record struct HtmlMarkup(string Html)
{
    public static HtmlMarkup Empty { get; } = new(string.Empty);

    public override string ToString() => Html;
}
