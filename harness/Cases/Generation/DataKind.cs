namespace Conformance.Harness.Cases.Generation;

/// <summary>The data sets a payload can be generated as: the kinds Autobahn 12.x compresses, made in code instead of downloaded.</summary>
public enum DataKind
{
    /// <summary>A large JSON document (ASCII), like Autobahn's data1.json (an old results index).</summary>
    Json,

    /// <summary>An 8-bit grayscale BMP of a smooth photo-like image, like Autobahn's lena512.bmp.</summary>
    Bitmap,

    /// <summary>Long German verse drama prose (UTF-8, with umlauts), like Autobahn's Faust I text.</summary>
    Prose,

    /// <summary>A large HTML page (ASCII), like Autobahn's data1.html (a report page).</summary>
    Html,

    /// <summary>A PDF-like file: text objects between mostly incompressible (already deflated) streams, like Autobahn's PDF.</summary>
    Pdf,
}
