// <descent-sgd>: the mini-batch SGD explorer. A line y = w·x + b is fitted to a
// real seeded data set with a robust loss; the core runs SGD with real sampled
// mini-batches (createSgdRun: a long run is computed a slice per frame), draws the
// loss landscape (sgdLandscape) and samples the fan of mini-batch gradients at the
// shown point (sgdGradientFan). This file turns state into those calls and draws
// the results.
import { formatCount, formatNumber, formatPoint } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { prefersReducedMotion } from '../../ui/animation.js';
import { withinBudget } from '../transports/live-run.js';
import { drawData, drawLandscape, landscapeHeight, PATH_COLOR } from './plot.js';
import { BATCH_CHOICES, SGD_SCHEMA, STATE_ATTRIBUTES, checkSgdState, toCoreConfig } from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';

// Iterations per core call while a run is computed: one costs about 2 µs (the loss over all 256
// points), so the frame's budget is still checked every few ms.
const ITERATIONS_PER_CALL = 2000;
const SPREAD_FROM_ITERATIONS = 5000;

const EXTRA_STYLES = `
.status.sharp_minimum { color: var(--warn); font-weight: 600; }
.status.wide_minimum { color: var(--ok); font-weight: 600; }
.counters { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; margin: 2px 0; }
.counters b { font-variant-numeric: tabular-nums; }
.legend { font-size: 12px; color: var(--muted); margin: 2px 0 0; }
.legend .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 3px 0 8px; vertical-align: -1px; border: 1px solid rgba(0,0,0,0.3); }
.panels { display: grid; grid-template-columns: 1fr; gap: 6px; }
.swatch.full-gradient { background: #fff; }
.swatch.batch-gradient { background: #ffd43b; }
.swatch.path { background: ${PATH_COLOR}; }
.swatch.steep { background: #e8590c; }
.swatch.flat { background: #1c7ed6; }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Mini-batch SGD</strong><span class="formula" data-role="formula"></span></div>
  <canvas class="plot" data-role="plot" tabindex="0" role="img"></canvas>
  <p class="legend"><span class="swatch full-gradient"></span>−∇L over all points<span class="swatch batch-gradient"></span>−∇ of sampled mini-batches (same scale)<span class="swatch path"></span>path</p>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="counters" data-role="counters"></div>
  <div class="status" data-role="status"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div class="chart-caption" data-role="chart-caption">Training loss per iteration</div>
  <canvas class="chart" data-role="chart" role="img" aria-label="Training loss per iteration"></canvas>
  <div class="controls" data-role="basic-controls"></div>
  <details data-role="data-panel"><summary>The data and the current line</summary>
    <p class="legend"><span class="swatch steep"></span>steep points (few, far out)<span class="swatch flat"></span>flat points (many, near 0)<span class="swatch path"></span>y = w·x + b now</p>
    <canvas class="chart" data-role="data" role="img" aria-label="The data set and the fitted line"></canvas>
  </details>
  <details data-role="stability-panel"><summary>Why a minimum holds or throws out SGD (computed at this η and batch)</summary>
    <div class="table-scroll"><table data-role="stability-table"></table></div>
    <p class="hint">Growth: how much the mean square of a small offset from the minimum can grow per step, λmax((I − ηH)² + η²·(N − B)/(B(N − 1))·Σ) (Wu, Ma &amp; E 2018). Above 1 the mini-batches' own noise throws SGD out; full-batch GD only needs η·sharpness &lt; 2.</p>
  </details>
</div>`;

export class DescentSgd extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'surfaces';

  constructor() {
    super(WIDGET_STYLES + EXTRA_STYLES, TEMPLATE);
    this.run = null;
    this.fan = null;
    this.transportNoun = 'training run';
    this.reducedMotionMaxSpeed = 0.5; // epochs per second
    this.parts['data-panel'].addEventListener('toggle', () => this.render());
    // A run is computed on the live run: at once when it fits one slice (most do), otherwise a
    // slice per frame with its progress shown and the last run kept on screen meanwhile (batch 1
    // for 390 epochs is 100,000 iterations, about 200 ms in all).
    this.pending = null; // {config, run}: the run being computed, and its answer once over
    this.createLiveRun({
      create: (config) => {
        const made = this.core.createSgdRun(config);
        return made.ok ? { handle: made.run } : { error: made.error };
      },
      advance: (run, { budgetMs }) => {
        const done = withinBudget(budgetMs, (count) => run.advance(count) === true, ITERATIONS_PER_CALL);
        this.pending.progress = run.progress();
        if (done) this.pending.run = run.result(); // before the handle is deleted
        return { done };
      },
      render: () => this.showComputed(),
    });
  }

  prepare() {
    this.schema = SGD_SCHEMA;
    this.dataSet = this.core.sgdDataSet();
    return this.dataSet.ok ? '' : this.dataSet.error;
  }

  get lastStep() {
    return this.run ? this.run.iterations : 0;
  }

  checkState(state, errors) {
    checkSgdState(state, this.dataSet, errors);
  }

  simulate(state) {
    const config = toCoreConfig(state, this.dataSet);
    const problem = this.liveRun.load(config); // the core's refusal, the last run staying
    if (problem) return problem;
    this.pending = { config, run: null, progress: null };
    this.liveRun.advanceNow();
    if (this.pending.run) this.takeComputed();
    else this.liveRun.play(); // the rest, a slice per frame
    return '';
  }

  // The computed run becomes the shown one.
  takeComputed() {
    this.config = this.pending.config;
    this.run = this.pending.run;
    this.pending = null;
    this.setAnimationSpeed();
  }

  // The live run's frame: the progress, or the finished run shown as an update shows it.
  showComputed() {
    if (!this.pending?.run) {
      const { iterations, totalIterations } = this.pending?.progress ?? {};
      if (totalIterations) {
        this.parts.status.className = 'status';
        this.parts.status.textContent = `computing the run: ${formatCount(iterations)} of ${formatCount(totalIterations)} iterations…`;
      }
      this.renderCount += 1; // drawn: a test waiting for the widget to settle waits for the run
      return;
    }
    const wasPlaying = this.animator.playing;
    this.takeComputed();
    this.shownStep = wasPlaying ? 0 : this.lastStep;
    this.syncControls();
    this.render();
    this.dispatchEvent(new CustomEvent('descent-update', { detail: { ...this.updateDetail, errors: [] } }));
  }

  // Speed is in epochs per second, so every batch size walks through the data at the same pace.
  update() {
    super.update();
    this.setAnimationSpeed();
  }

  setAnimationSpeed() {
    if (!this.run || !this.state) return;
    const epochsPerSecond = prefersReducedMotion()
      ? Math.min(this.reducedMotionMaxSpeed, this.state.speed)
      : this.state.speed;
    this.animator.stepsPerSecond = epochsPerSecond * this.run.batchesPerEpoch;
  }

  // ---- controls ----

  buildControls() {
    const basic = this.parts['basic-controls'];
    const size = this.dataSet.size;
    this.controls = {
      batch: this.schemaControl('batch', {
        options: BATCH_CHOICES.map((b) => ({
          value: b,
          label: b === 'all' ? `ALL (${size}: full batch)` : `${b} (${Math.ceil(size / Number(b))} iterations/epoch)`,
        })),
      }),
      lr: this.schemaControl('lr'),
      epochs: this.schemaControl('epochs'),
      shuffle: this.schemaControl('shuffle'),
      start: this.schemaControl('start'),
      seed: this.schemaControl('seed'),
      fan: this.schemaControl('fan'),
      speed: this.schemaControl('speed'),
    };
    const c = this.controls;
    basic.append(
      c.batch.element,
      c.lr.element,
      c.epochs.element,
      c.shuffle.element,
      c.start.element,
      c.seed.element,
      c.fan.element,
      c.speed.element,
    );
    this.buildTransport();
    this.bindPlotInput();
  }

  syncControls() {
    const { state, config, controls } = this;
    if (!config) return;
    const batch = BATCH_CHOICES.includes(String(state.batch)) ? String(state.batch) : null;
    if (batch === null) {
      // A batch size typed into an attribute (e.g. 50) joins the menu so the select can show it.
      const select = controls.batch.element.querySelector('select');
      if (![...select.options].some((o) => o.value === String(state.batch)))
        select.append(
          new Option(
            `${state.batch} (${Math.ceil(this.dataSet.size / state.batch)} iterations/epoch)`,
            String(state.batch),
          ),
        );
    }
    controls.batch.setValue(String(state.batch));
    controls.lr.setValue(config.lr);
    controls.epochs.setValue(config.epochs);
    controls.shuffle.setValue(config.shuffle);
    controls.start.setValue(config.start.map((v) => Number(v.toPrecision(4))).join(', '));
    controls.seed.setValue(String(config.seed));
    controls.fan.setValue(state.fan);
    controls.speed.setValue(state.speed);
  }

  // Click, tap or drag on the map moves the start point; arrow keys nudge it.
  bindPlotInput() {
    const canvas = this.parts.plot;
    const moveStartTo = (event) => {
      if (!this.frame) return;
      const rect = canvas.getBoundingClientRect();
      const [w, b] = this.frame.toWorld(event.clientX - rect.left, event.clientY - rect.top);
      this.applyControl('start', `${Number(w.toPrecision(3))},${Number(b.toPrecision(3))}`);
    };
    canvas.addEventListener('pointerdown', (event) => {
      canvas.setPointerCapture(event.pointerId);
      this.animator.pause();
      moveStartTo(event);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (canvas.hasPointerCapture(event.pointerId)) moveStartTo(event);
    });
    this.bindStartNudging(canvas);
  }

  // ---- drawing ----

  // Full gradient and `fan` sampled mini-batch gradients at step k (seeded by the seed and k).
  fanAt(k) {
    const { state, run, config } = this;
    if (state.fan === 0) return null;
    const key = `${k}|${run.batchSize}|${state.fan}|${config.seed}|${run.positions[2 * k]}|${run.positions[2 * k + 1]}`;
    if (this.fanKey === key) return this.fan;
    this.fanKey = key;
    const seed = (config.seed * 1000003 + k) % Number.MAX_SAFE_INTEGER;
    this.fan = this.core.sgdGradientFan({
      point: [run.positions[2 * k], run.positions[2 * k + 1]],
      batchSize: run.batchSize,
      count: state.fan,
      seed,
    });
    return this.fan;
  }

  render() {
    // A run being computed shows its progress (showComputed); the last picture stays until it is done.
    if (!this.config || !this.run || this.pending) return;
    const k = Math.min(this.shownStep, this.run.iterations);
    const widths = { plot: this.parts.plot.clientWidth || 600, chart: this.parts.chart.clientWidth || 600 };
    // A new long run's first picture a part per frame too (15,360 steps of path and loss curve to
    // lay out); a short one, as a slider drag makes, at once so every panel follows the drag.
    const newRun = this.run !== this.drawnRun && this.run.iterations > SPREAD_FROM_ITERATIONS;
    this.drawnRun = this.run;
    this.drawParts(
      [
        () => this.renderLandscape(k, widths.plot),
        () => this.renderLossChart(k, widths.chart),
        () => {
          this.renderData(k);
          this.renderStabilityTable();
          this.renderTransport();
        },
      ],
      newRun,
    );
  }

  renderLandscape(k, width) {
    const { run } = this;
    const box = this.dataSet.viewBox;
    const height = landscapeHeight(width, box);
    const context = prepareCanvas(this.parts.plot, width, height);
    const fan = this.fanAt(k);
    this.frame = drawLandscape(context, width, height, {
      core: this.core,
      landscapeBox: box,
      run,
      shownStep: k,
      fan,
      onSharper: () =>
        this.renderLandscape(Math.min(this.shownStep, this.run.iterations), this.parts.plot.clientWidth || 600),
    });
    this.parts.formula.textContent = `L(w, b) = mean over ${this.dataSet.size} points of ½c²·ln(1 + (y − w·x − b)²/c²), c = ${this.dataSet.cauchyScale}`;
    this.parts.plot.setAttribute(
      'aria-label',
      'Map of the training loss over slope w and intercept b with the SGD path and the gradient fan; arrow keys move the start point',
    );
    this.renderReadout(k, fan);
  }

  renderReadout(k, fan) {
    const { run, config } = this;
    const theta = [run.positions[2 * k], run.positions[2 * k + 1]];
    const epoch = k === 0 ? 0 : Math.ceil(k / run.batchesPerEpoch);
    const label = run.batchSize === this.dataSet.size ? 'FULL BATCH' : `BATCH ${run.batchSize}`;
    let text = `${label} | After ${k} iteration${k === 1 ? '' : 's'}: (w, b)=${formatPoint(theta)}, L=${formatNumber(run.fullLosses[k], 4)}`;
    if (k > 0) text += `, this batch's loss ${formatNumber(run.batchLosses[k - 1], 4)}`;
    if (fan?.ok) text += ` | ‖∇L‖=${formatNumber(Math.hypot(fan.fullGradient[0], fan.fullGradient[1]), 3)}`;
    this.parts.readout.textContent = text;
    const inEpoch = k === 0 ? 0 : k - (epoch - 1) * run.batchesPerEpoch;
    this.parts.counters.replaceChildren(
      ...[
        ['epoch', `${epoch} / ${Math.round(run.iterations / run.batchesPerEpoch)}`],
        ['iteration in epoch', `${inEpoch} / ${run.batchesPerEpoch}`],
        ['iterations per epoch', `N/B = ${this.dataSet.size}/${run.batchSize} → ${run.batchesPerEpoch}`],
        ['total iterations', `${k} / ${run.iterations}`],
        ...(k > 0
          ? [
              [
                'steep points in this batch',
                `${Math.round(run.batchSteepShare[k - 1] * run.batchSize)} of ${run.batchSize}`,
              ],
            ]
          : []),
        ['shuffle', config.shuffle ? 'on' : 'off (sorted)'],
      ].map(([name, value]) => {
        const span = document.createElement('span');
        span.append(`${name}: `);
        const bold = document.createElement('b');
        bold.textContent = value;
        span.append(bold);
        return span;
      }),
    );
    const finished = k === run.iterations;
    this.parts.status.className = `status ${finished ? run.outcome.replace(' ', '_') : ''}`;
    this.parts.status.textContent = finished ? run.message : `epoch ${epoch}, iteration ${k} of ${run.iterations}`;
  }

  renderLossChart(k, width) {
    const { run } = this;
    const height = Math.round(Math.min(200, Math.max(130, width * 0.28)));
    const context = prepareCanvas(this.parts.chart, width, height);
    const full = run.batchSize === this.dataSet.size;
    this.parts['chart-caption'].textContent = full
      ? 'Training loss L over all points per iteration (= per epoch with the full batch)'
      : `Training loss per iteration: over all points (orange) and of each mini-batch (blue); ${run.batchesPerEpoch} iterations = 1 epoch`;
    const series = full
      ? [{ values: run.fullLosses, color: PATH_COLOR }]
      : [
          { values: run.batchLosses, color: 'rgba(28,126,214,0.55)' },
          { values: run.fullLosses, color: PATH_COLOR },
        ];
    drawLineChart(context, width, height, {
      series,
      currentIndex: k,
      logScale: true,
      xLabel: 'iteration',
      yLabel: 'loss',
    });
  }

  renderData(k) {
    if (!this.parts['data-panel'].open) return;
    const width = this.parts.data.clientWidth || 600;
    const height = Math.round(Math.min(300, Math.max(180, width * 0.45)));
    const context = prepareCanvas(this.parts.data, width, height);
    drawData(context, width, height, {
      dataSet: this.dataSet,
      theta: [this.run.positions[2 * k], this.run.positions[2 * k + 1]],
    });
  }

  renderStabilityTable() {
    const { run, config } = this;
    const table = this.parts['stability-table'];
    const header = [
      'minimum',
      '(w, b)',
      'L',
      'sharpness a',
      '2/η',
      'non-uniformity s',
      `growth at B=${run.batchSize}`,
      'smallest B that stays',
    ];
    const rows = run.minima.map((m) => [
      m.name,
      formatPoint(Array.from(m.point)),
      formatNumber(m.loss, 4),
      formatNumber(m.sharpness, 3),
      formatNumber(2 / config.lr, 3),
      formatNumber(m.nonUniformity, 3),
      `${formatNumber(m.growth, 3)} ${m.growth <= 1 ? '(stays)' : '(thrown out)'}`,
      m.smallestStableBatch < 0 ? 'none (η·a ≥ 2)' : String(m.smallestStableBatch),
    ]);
    table.replaceChildren(
      ...[header, ...rows].map((cells, r) => {
        const row = document.createElement('tr');
        for (const text of cells) {
          const cell = document.createElement(r === 0 ? 'th' : 'td');
          cell.textContent = text;
          if (r > 0) cell.className = 'value';
          row.append(cell);
        }
        return row;
      }),
    );
  }
}
