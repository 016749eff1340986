// The markup and styles of <descent-rnn>: the progress readout and status, the transport, the
// training-loss, ‖∂L/∂h_t‖ and ‖∂L/∂θ‖ charts, the network unrolled over one test sequence with the numbers
// of the selected step, and the settings. Two chart columns on a wide screen, one on a phone.

export const STYLES = `
.panels { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
@media (max-width: 640px) { .panels { grid-template-columns: minmax(0, 1fr); } }
.panel-title { font-weight: 600; font-size: 14px; margin: 12px 0 4px; border-top: 1px solid var(--border); padding-top: 8px; }
.panels .panel-title { border-top: none; margin-top: 4px; padding-top: 0; }
.hint { color: var(--muted); font-size: 12px; font-weight: normal; }
canvas.unrolled { cursor: crosshair; touch-action: pan-y; }
canvas.unrolled:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.step-readout { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--secondary);
  white-space: pre-wrap; overflow-wrap: anywhere; min-height: 4.5em; margin: 4px 0; }
.status.below { color: var(--ok); font-weight: 600; }
.status.diverged { color: var(--danger); font-weight: 600; }
`;

// A lesson's experiments read a widget's readout and status (www/js/site/lesson-expect.js): here the
// progress line and the test-metric line.
export const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>A recurrent network trained live</strong><span class="formula" data-role="formula"></span></div>
  <div class="readout" data-role="readout" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status" aria-live="polite"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div class="panels">
    <div><div class="panel-title">Training loss per step <span class="hint">(log scale)</span></div><canvas class="chart" data-role="plot" role="img"></canvas></div>
    <div><div class="panel-title">Gradient norm ‖∂L/∂θ‖ per step <span class="hint">(log scale, before clipping)</span></div><canvas class="chart" data-role="norms" role="img"></canvas></div>
  </div>
  <div class="panel-title">Unrolled over time <span class="hint" data-role="unrolled-title"></span></div>
  <canvas class="unrolled" data-role="unrolled" tabindex="0" role="img"></canvas>
  <div class="hint">Columns are time steps. Heat strips have one row per unit: blue negative, orange positive; gates from 0 (background) to 1 (green). Hover or tap a step for its numbers; focused, the arrow keys move along.</div>
  <div class="step-readout" data-role="step-readout" aria-live="polite"></div>
  <div class="panel-title">Gradient through time ‖∂L/∂h_t‖ <span class="hint">(log scale: how much of this sequence's loss reaches each step back in time)</span></div>
  <canvas class="chart" data-role="gradients" role="img"></canvas>
  <div class="controls" data-role="view-controls"></div>
  <div class="controls" data-role="controls"></div>
  <details data-role="settings"><summary>Training settings: truncation, optimizer, learning rate, clipping, batch, steps, seed</summary>
    <div class="controls" data-role="training-controls"></div>
  </details>
</div>`;
