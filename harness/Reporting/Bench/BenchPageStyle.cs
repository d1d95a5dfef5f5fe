using Conformance.Harness.Reporting.Html;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// The bench page's stylesheet: the conformance report's (its palette, light and dark, and its tables) plus the charts'
/// rules; and its Content-Security-Policy, which allows no script at all and no fetch of any kind.
/// </summary>
internal static class BenchPageStyle
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    /// <summary>Colours of the targets in charts and legends, in the order the targets first appear; a sixth target reuses the first colour.</summary>
    public const int SeriesColours = 6;

    public static string Css { get; } = ReportAssets.Style + BenchRules;

    private const string BenchRules = """
:root { --s0: #0969da; --s1: #bf3989; --s2: #1a7f37; --s3: #bc4c00; --s4: #8250df; --s5: #1b7c83; --grid: #eaeef2; }
@media (prefers-color-scheme: dark) {
  :root { --s0: #4493f8; --s1: #db61a2; --s2: #3fb950; --s3: #db6d28; --s4: #a371f7; --s5: #39c5cf; --grid: #262c36; }
}
.machine { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 8px; }
.machine b { font-weight: 600; }
table.summary { margin: 8px 0 4px; }
table.summary th, table.summary td { white-space: nowrap; padding: 4px 6px; }
table.summary th { white-space: normal; vertical-align: bottom; }
table.summary th.num, table.summary td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary td.who { white-space: normal; min-width: 160px; max-width: 300px; word-break: break-word; }
table.summary td.who .url { font-family: var(--mono); font-size: 11.5px; color: var(--muted); word-break: break-all; }
table.summary tr.section td { background: var(--panel); color: var(--muted); font-size: 12px; font-weight: 600; }
table.summary tr.section td .desc { font-weight: 400; margin-left: 8px; }
table.summary td.bad { color: var(--failed); font-weight: 600; }
table.summary td.warn { color: var(--ns); font-weight: 600; }
table.summary td.rel { min-width: 120px; }
.relbar { display: inline-block; vertical-align: middle; width: 64px; height: 8px; border-radius: 4px; background: var(--missing-bg); border: 1px solid var(--line); overflow: hidden; margin-right: 6px; }
.relbar span { display: block; height: 100%; background: var(--ok); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.c0 { color: var(--s0); } .c1 { color: var(--s1); } .c2 { color: var(--s2); } .c3 { color: var(--s3); } .c4 { color: var(--s4); } .c5 { color: var(--s5); }
.swatch.c0 { background: var(--s0); } .swatch.c1 { background: var(--s1); } .swatch.c2 { background: var(--s2); }
.swatch.c3 { background: var(--s3); } .swatch.c4 { background: var(--s4); } .swatch.c5 { background: var(--s5); }
section.scenario { margin-top: 8px; }
.result { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px 12px; margin: 12px 0; background: var(--bg); }
.result h4 { margin: 0 0 2px; word-break: break-all; }
.result .url { color: var(--muted); font-family: var(--mono); font-size: 12px; word-break: break-all; }
.result .note { margin: 6px 0 0; }
.result .warn { color: var(--ns); }
.result .bad { color: var(--failed); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; margin-top: 10px; }
figure.chart { margin: 0; padding: 8px 10px 4px; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); }
figure.chart figcaption { font-size: 13px; font-weight: 600; margin-bottom: 2px; }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; font: 11px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
svg.chart .grid { stroke: var(--grid); stroke-width: 1; }
svg.chart .axis { stroke: var(--line); stroke-width: 1; }
svg.chart text { fill: var(--muted); }
svg.chart text.label { fill: var(--muted); font-size: 11px; }
svg.chart .line { fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linejoin: round; stroke-linecap: round; }
svg.chart .line.dashed { stroke-dasharray: 5 3; }
svg.chart .hit { fill: transparent; stroke: none; }
svg.chart .hit:hover { fill: currentColor; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 12px; margin: 2px 0 4px; min-height: 18px; }
.legend span.item { white-space: nowrap; word-break: break-all; }
.legend .key { display: inline-block; width: 18px; height: 0; border-top: 2px solid currentColor; vertical-align: middle; margin-right: 5px; }
.legend .key.dashed { border-top-style: dashed; }
.legend .name { color: var(--fg); }
dl.facts.errors { margin-top: 6px; }
""";
}
