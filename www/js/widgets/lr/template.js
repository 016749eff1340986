// <descent-lr>'s markup and styles: five panels (schedule, comparison, three rates, range test,
// scaling rule), each with its chart, readout and controls, and the shared training setup.
export const LR_STYLES = `
.panel { border-top: 1px solid var(--border); margin-top: 10px; padding-top: 6px; }
.panel:first-of-type { border-top: none; margin-top: 0; padding-top: 0; }
.panel h3 { font-size: 14px; margin: 2px 0 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 12px; color: var(--secondary); }
.legend span::before { content: ''; display: inline-block; width: 16px; height: 4px; margin-right: 5px; vertical-align: middle; background: var(--swatch); }
.panel .controls { margin-top: 4px; }
.sequence { font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 2px 0; overflow-wrap: anywhere; }
.sequence.diverged { color: var(--danger); }
`;

const panel = (name, title, extra = '') => `
  <section class="panel" data-role="panel-${name}" aria-label="${title}">
    <h3>${title}</h3>
    ${extra}
    <div class="controls" data-role="controls-${name}"></div>
  </section>`;

export const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Learning rate and schedules</strong><span class="formula">θ ← θ − η_t ∇L(θ): a 2→32→32→10 leaky-ReLU network, ten classes, plain SGD</span></div>
  <div class="status" data-role="status" aria-live="polite"></div>
  <div class="error" data-role="error" role="alert"></div>
  ${panel(
    'schedule',
    '1 · The schedule',
    `<div class="chart-caption" data-role="schedule-formula"></div>
    <canvas class="plot" data-role="plot" role="img" aria-label="The learning rate at each step of the run"></canvas>
    <div class="readout" data-role="schedule-readout" aria-live="polite" data-loading>Loading the simulation core…</div>`,
  )}
  ${panel(
    'compare',
    '2 · With the schedule vs at a constant rate',
    `<div class="legend" data-role="compare-legend"></div>
    <canvas class="chart" data-role="compare-chart" role="img" aria-label="Training loss per epoch with the schedule and at the constant rate"></canvas>
    <div class="readout" data-role="compare-readout" aria-live="polite"></div>`,
  )}
  ${panel(
    'rates',
    '3 · Too large, about right, too small',
    `<div class="legend" data-role="rates-legend"></div>
    <canvas class="chart" data-role="rates-chart" role="img" aria-label="Training loss per epoch at three constant rates"></canvas>
    <div data-role="rates-readout" aria-live="polite"></div>`,
  )}
  ${panel(
    'range',
    '4 · The learning-rate range test',
    `<canvas class="chart" data-role="range-chart" role="img" aria-label="Loss against a learning rate growing every mini-batch, on a log axis"></canvas>
    <div class="readout" data-role="range-readout" aria-live="polite"></div>`,
  )}
  ${panel('scaling', '5 · Linear scaling rule', `<div class="readout" data-role="scaling-readout" aria-live="polite"></div>`)}
  <details data-role="setup"><summary>Training setup (shared by panels 2, 3 and 5)</summary><div class="controls" data-role="controls-setup"></div></details>
</div>`;
