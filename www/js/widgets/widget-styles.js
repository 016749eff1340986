// Shadow-DOM styles shared by the widgets: self-contained so a widget looks the
// same on a lesson page and inside a teacher's own page. The colours are the theme's (palette.js
// THEMES), light or dark as the base class resolves the scheme (descent-widget.js: data-scheme on
// .widget); a host page can recolour them with the --descent-* custom properties.
import { THEMES } from '../ui/palette.js';

const tokens = (theme) => `
  color: var(--text);
  --background: var(--descent-background, ${theme.background});
  --text: var(--descent-text, ${theme.text});
  --accent: var(--descent-accent, ${theme.accent});
  --panel: var(--descent-panel, ${theme.panel});
  --border: var(--descent-border, ${theme.border});
  --secondary: ${theme.secondary};
  --muted: ${theme.muted};
  --faint: ${theme.faint};
  --on-accent: ${theme.onAccent};
  --accent-soft: ${theme.accentSoft};
  --danger: ${theme.danger};
  --danger-soft: ${theme.dangerSoft};
  --ok: ${theme.ok};
  --ok-soft: ${theme.okSoft};
  --warn: ${theme.warn};
  --warn-soft: ${theme.warnSoft};
  --highlight: ${theme.highlight};
  --highlight-soft: ${theme.highlightSoft};`;

export const WIDGET_STYLES = `
:host {
  display: block;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  max-width: 100%;
}
.widget { color-scheme: light; ${tokens(THEMES.light)} }
.widget[data-scheme='dark'] { color-scheme: dark; ${tokens(THEMES.dark)} }
/* Follows the host page's colour scheme (descent-widget.js); not displayed, but rendered so that
   its transition reports a change of the inherited color-scheme. */
.scheme-probe { position: absolute; width: 0; height: 0; overflow: hidden; visibility: hidden; transition: color-scheme 1ms allow-discrete; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.widget { border: 1px solid var(--border); border-radius: 10px; background: var(--background); padding: 10px; min-width: 0; }
.title { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; margin: 0 0 6px; }
.title strong { font-size: 15px; }
.title .formula { color: var(--muted); font-size: 13px; }
.title .copy-link { margin-left: auto; padding: 2px 10px; min-height: 28px; font-size: 13px; }
.title .copy-note { flex-basis: 100%; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.title .copy-note:empty { display: none; }
canvas { display: block; width: 100%; border-radius: 6px; }
canvas.plot { cursor: crosshair; touch-action: none; }
canvas.plot.one-d { touch-action: pan-y; }
canvas:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, a:focus-visible, .table-scroll:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.readout { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); border-radius: 6px; padding: 6px 8px; margin: 6px 0 2px; overflow-wrap: anywhere; }
/* A number the lesson text points at (www/js/site/lesson-links.js), or its whole box as a fallback. */
::highlight(descent-linked) { background-color: var(--descent-linked, #ffe08a); color: #1d2430; }
[data-linked] { outline: 2px solid var(--descent-linked, #e0b000); outline-offset: 1px; }
.status { font-size: 13px; margin: 2px 0 6px; min-height: 1.4em; }
.status.reached_minimum { color: var(--ok); }
.status.diverged, .status.diverging { color: var(--danger); font-weight: 600; }
.error { color: var(--danger); font-size: 13px; white-space: pre-line; }
.error:empty { display: none; }
.transport { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
button { font: inherit; padding: 5px 12px; border: 1px solid var(--border); border-radius: 6px; background: var(--background); color: inherit; cursor: pointer; min-height: 34px; }
button:hover { border-color: var(--accent); }
button.primary { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
button .icon { vertical-align: -0.08em; }
input[type=checkbox], input[type=radio] { width: 18px; height: 18px; margin: 3px; accent-color: var(--accent); }
/* Touch: every target at least 24 × 24 px (WCAG 2.2 target size). */
@media (pointer: coarse) {
  input[type=checkbox], input[type=radio] { width: 24px; height: 24px; }
  button, select, input[type=text], input[type=file] { min-height: 36px; }
  input[type=range] { min-height: 24px; }
}
button .icon:first-child { margin-right: 0.35em; }
button .icon:last-child { margin-left: 0.35em; }
.step-counter { font-size: 13px; color: var(--muted); margin-left: auto; }
.controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 8px 14px; margin-top: 8px; }
.field { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.field label { font-size: 12px; font-weight: 600; color: var(--secondary); }
.field-inline { flex-direction: row; align-items: center; gap: 6px; }
.field-wide { grid-column: 1 / -1; }
.slider-row { display: flex; gap: 6px; align-items: center; }
.slider-row input[type=range] { flex: 1; min-width: 0; accent-color: var(--accent); }
select, input.number { font: inherit; padding: 4px 6px; border: 1px solid var(--border); border-radius: 6px; background: var(--background); color: inherit; min-height: 32px; min-width: 0; }
input.number { width: 84px; }
.hint { font-size: 12px; color: var(--muted); grid-column: 1 / -1; margin: 0; }
details { margin-top: 8px; border-top: 1px solid var(--border); padding-top: 6px; }
summary { cursor: pointer; font-weight: 600; font-size: 13px; padding: 4px 0; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--border); vertical-align: top; }
td.value { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
td.meaning { color: var(--muted); }
.table-scroll { overflow-x: auto; }
.chart-caption { font-size: 12px; color: var(--muted); margin: 8px 0 2px; }
@media (max-width: 420px) {
  .widget { padding: 6px; }
  .controls { grid-template-columns: 1fr; }
}
`;
