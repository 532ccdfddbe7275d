/**
 * The portal's one stylesheet, served at /assets/app.css (no inline styles, so the content
 * security policy can forbid them). System fonts, one breakpoint for phones.
 */
export const appCss = `
:root { --ink: #1d2733; --muted: #5d6b7a; --line: #d8dee6; --accent: #1f5f99; --bad: #a4262c; --good: #2e7d32; --bg: #f7f9fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .6rem 1.2rem; background: #fff; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 1.1rem; }
nav { display: flex; flex-wrap: wrap; align-items: center; gap: .9rem; flex: 1; }
nav form.inline { margin-left: auto; display: flex; align-items: center; gap: .6rem; }
nav .who { color: var(--muted); font-size: .85rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
h1 { font-size: 1.5rem; margin: .6rem 0 1rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
form.stacked { display: grid; gap: .7rem; max-width: 26rem; background: #fff; padding: 1rem; border: 1px solid var(--line); border-radius: 6px; }
label { display: grid; gap: .2rem; font-weight: 600; font-size: .9rem; }
input, select, button { font: inherit; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 4px; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
.error { color: var(--bad); }
.ok { color: var(--good); }
.muted { color: var(--muted); }
.problems li { color: var(--bad); }
.secret { font-family: ui-monospace, monospace; background: #fff8e1; padding: .4rem; border: 1px dashed #c8a400; word-break: break-all; }
svg.chart { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); }
svg.chart text { font-size: 11px; fill: var(--muted); }
svg.chart .grid { stroke: #e6eaef; }
svg.chart .zero { stroke: #8a96a3; }
svg.chart rect.axis { fill: none; stroke: #b8c2cc; }
svg.chart .nav-line { fill: none; stroke: var(--accent); stroke-width: 2; }
svg.chart .nav-marker { fill: #fff; stroke: var(--accent); stroke-width: 1.5; }
svg.chart .bar-contribution { fill: #c9773f; }
svg.chart .bar-distribution { fill: #3f8f5a; }
svg.chart .price-marker { fill: #7b3fa0; }
svg.spark { display: block; }
svg.spark polyline { fill: none; stroke: var(--accent); stroke-width: 1.5; }
details > summary { cursor: pointer; color: var(--accent); margin: .6rem 0; }
figure { margin: 0 0 .5rem; }
.chart-wrap { overflow-x: auto; }
.chart-wrap svg.chart { min-width: 36rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .6rem; margin: 0 0 1rem; }
.facts div { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .7rem; }
.facts dt { color: var(--muted); font-size: .8rem; }
.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.hash { font-family: ui-monospace, monospace; font-size: .85rem; overflow-wrap: anywhere; }
.notice { background: #eef4fa; border: 1px solid #c5d8ea; border-radius: 6px; padding: .6rem .8rem; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; }
a.button { display: inline-block; padding: .45rem .7rem; border: 1px solid var(--accent); border-radius: 4px; text-decoration: none; background: #fff; }
footer { text-align: center; color: var(--muted); font-size: .8rem; padding: 1rem; }
@media (max-width: 40rem) {
  header { padding: .5rem .7rem; }
  main { padding: .6rem .7rem 2rem; }
  nav form.inline { margin-left: 0; }
  th, td { padding: .3rem .35rem; font-size: .9rem; }
}
`;
