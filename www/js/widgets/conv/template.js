// The markup and styles of <descent-conv>: the input and kernel side by side (stacked on a phone),
// the feature maps with their written-out sum and the window's transport, the pooled maps, and the
// backward, receptive-field and cost panels.

export const STYLES = `
.panels { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
@media (max-width: 640px) { .panels { grid-template-columns: minmax(0, 1fr); } }
.panel-title { font-weight: 600; font-size: 14px; margin: 12px 0 4px; border-top: 1px solid var(--border); padding-top: 8px; }
.panels .panel-title { border-top: none; margin-top: 0; padding-top: 0; }
canvas.input { aspect-ratio: 1; max-width: 360px; touch-action: none; cursor: crosshair; }
canvas.maps { cursor: pointer; touch-action: pan-y; }
canvas.square { aspect-ratio: 1; max-width: 300px; }
.kernel-grid { display: grid; gap: 3px; margin: 6px 0; max-width: 320px; }
.kernel-grid input { width: 100%; min-width: 0; min-height: 32px; font: 13px ui-monospace, monospace; text-align: right; padding: 2px 4px; border: 1px solid var(--border); border-radius: 4px; background: var(--background); color: var(--text); }
.filter-tabs { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.filter-tabs button[aria-pressed='true'] { background: var(--accent); color: var(--on-accent); }
table.costs { border-collapse: collapse; font-size: 13px; width: 100%; }
table.costs th, table.costs td { padding: 3px 6px; border-bottom: 1px solid var(--border); text-align: right; }
table.costs th:first-child, table.costs td:first-child { text-align: left; }
.table-scroll { overflow-x: auto; }
.hint { color: var(--muted); font-size: 12px; }
[data-role='field-controls'] input.number { width: 16em; }
.position-row { display: flex; gap: 8px; align-items: center; font-size: 13px; }
.position-row input[type=range] { flex: 1; min-width: 0; min-height: 24px; accent-color: var(--accent); }
`;

// A lesson's experiments read a widget's readout, status and finish-board (www/js/site/
// lesson-expect.js): here the written-out sum, the shapes line, and everything from the backward
// pass to the costs (the gradient, field and cost lines).
export const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Convolution explorer</strong><span class="formula">z = b + Σ input·weight, output side ⌊(W + 2P − D(K − 1) − 1)/S⌋ + 1</span></div>
  <div data-role="status"><div class="readout" data-role="shapes" aria-live="polite" data-loading>Loading the simulation core…</div></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="panels">
    <div>
      <div class="panel-title">Input <span class="hint" data-role="input-hint"></span></div>
      <canvas class="input" data-role="plot" tabindex="0" role="img"></canvas>
      <div class="hint">Draw with the mouse or a finger (Shift or right button erases); with the picture focused, arrow keys move the pen and Space paints.</div>
      <div class="hint" data-role="credit"></div>
      <div class="input-actions" data-role="input-actions"></div>
    </div>
    <div>
      <div class="panel-title">Kernel of filter <span data-role="filter-number">1</span></div>
      <div data-role="kernel-editor"></div>
    </div>
  </div>
  <div class="controls" data-role="controls"></div>
  <div class="panel-title">Feature maps <span class="hint">(hover, tap or use the arrow keys to read a cell; click to trace it back)</span></div>
  <canvas class="maps" data-role="maps" tabindex="0" role="img"></canvas>
  <div class="readout" data-role="readout" aria-live="polite"></div>
  <div class="transport" data-role="transport"></div>
  <div class="position-row"><label for="position">Window position</label><input type="range" id="position" data-role="position" min="0" max="1" step="1" value="0"></div>
  <div data-role="pool-panel">
    <div class="panel-title">After pooling</div>
    <canvas class="maps" data-role="pooled" tabindex="0" role="img"></canvas>
  </div>
  <div class="controls" data-role="pool-controls"></div>
  <div data-role="finish-board">
  <div class="panel-title">Backward: the gradient of one output cell</div>
  <div class="status" data-role="gradient-status" aria-live="polite"></div>
  <div class="panels">
    <div><div class="hint">∂ output / ∂ input (summed over channels)</div><canvas class="square" data-role="input-gradient" role="img"></canvas></div>
    <div><div class="hint">∂ output / ∂ feature map z</div><canvas class="square" data-role="map-gradient" role="img"></canvas></div>
  </div>
  <div class="panel-title">Receptive field of a stack</div>
  <div class="status" data-role="field-status" aria-live="polite"></div>
  <canvas class="square" data-role="field" tabindex="0" role="img"></canvas>
  <div class="controls" data-role="field-controls"></div>
  <div class="panel-title">What a layer costs</div>
  <div class="table-scroll"><table class="costs" data-role="costs"></table></div>
  <div class="status" data-role="cost-status" aria-live="polite"></div>
  <div class="controls" data-role="cost-controls"></div>
  </div>
</div>`;
