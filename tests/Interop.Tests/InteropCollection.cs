using Xunit;

namespace Conformance.Interop.Tests;

/// <summary>
/// All interop tests share one collection: they run one at a time (each moves 16 MiB both ways and
/// some start a browser, on a 2-core machine) and share one Chromium.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "Interop peers";
}
