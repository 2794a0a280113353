/// The one style sheet every page carries inline (no external file, font or network).
///
/// Colours are from the Okabe-Ito palette, which stays distinct for red-green colour blindness:
/// baseline blue, target orange, drift vermillion, and the light or dark variant follows the
/// system setting through `prefers-color-scheme`.
enum PageStyle {
  static let css = """
    :root{--bg:#ffffff;--fg:#1b1b1b;--muted:#5c5c5c;--grid:#d8d8d8;--panel:#f5f5f5;\
    --base:#0072B2;--target:#E69F00;--drift:#D55E00;--ok:#009E73;--link:#0060a0;color-scheme:light dark}
    @media (prefers-color-scheme: dark){:root{--bg:#16181b;--fg:#e8e8e8;--muted:#a8a8a8;\
    --grid:#3a3d42;--panel:#202327;--base:#56B4E9;--target:#E69F00;--drift:#F07E3C;--ok:#3CC39A;\
    --link:#7cc4f0}}
    body{background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",\
    Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px}
    a{color:var(--link)}h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:0 0 8px}
    .muted{color:var(--muted)}.mono{font-family:ui-monospace,Menlo,Consolas,monospace}
    table{border-collapse:collapse;margin:6px 0 12px}th,td{padding:3px 10px;text-align:left;\
    border-bottom:1px solid var(--grid);vertical-align:top}td.num,th.num{text-align:right;\
    font-variant-numeric:tabular-nums}
    .verdict{display:inline-block;padding:1px 8px;border-radius:9px;font-weight:600;font-size:12px}
    .verdict.drift{background:var(--drift);color:#000}.verdict.ok{border:1px solid var(--ok);\
    color:var(--ok)}.verdict.error{border:1px dashed var(--muted);color:var(--muted)}
    section.feature{background:var(--panel);border-radius:8px;padding:12px 16px;margin:14px 0}
    section.feature.drifted{border-left:5px solid var(--drift)}
    .pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
    svg.chart{max-width:100%;height:auto}svg.chart text{fill:var(--fg);font-size:11px}
    svg.chart .axis{stroke:var(--grid);stroke-width:1}svg.chart .bar-base{fill:var(--base)}
    svg.chart .bar-target{fill:var(--target)}svg.chart .threshold{stroke:var(--drift);\
    stroke-width:1.5;stroke-dasharray:5 3}
    .key{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:baseline}
    .key.base{background:var(--base)}.key.target{background:var(--target)}
    """
}

extension PageStyle {
  /// Styles of the history charts (series, heat map).
  static let historyCSS = """
    svg.chart .line{fill:none;stroke:var(--base);stroke-width:1.5}svg.chart .dot{fill:var(--base)}
    svg.chart .dot.drift{fill:var(--drift)}svg.chart .cell{fill:var(--drift)}
    svg.chart .cell.drift{stroke:var(--fg);stroke-width:1}svg.chart .mark{fill:var(--drift)}
    svg.chart .column{fill:var(--grid)}svg.chart a:hover .column{fill:var(--link)}
    svg.chart a text{fill:var(--link)}nav.crumbs{margin:4px 0 8px}
    """
}
