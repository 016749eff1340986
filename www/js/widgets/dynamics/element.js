// <descent-dynamics>: the training-dynamics explorer. A deep network built from
// the settings trains in the WebAssembly core (createDynamicsProbe), a few steps
// per animation frame (the live-run transport), and every bar, bin and loss value
// shown is that real forward and backward pass's; this file turns state into the
// probe and draws.
import { createButton } from '../../ui/controls.js';
import { prefersReducedMotion } from '../../ui/animation.js';
import { formatNumber } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import {
  LOSS_COLOR,
  barsHeight,
  describeActivations,
  drawActivationStrips,
  drawGradientBars,
  stripsHeight,
} from './plot.js';
import { STATE_ATTRIBUTES, checkOptimizer, dynamicsSchema, initializerLabel, toCoreConfig } from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { withinBudget } from '../transports/live-run.js';
import { WIDGET_STYLES } from '../widget-styles.js';

// Training time per animation frame, and before the first picture (entry 0 at least).
const FRAME_BUDGET_MS = 8;
const FIRST_BUDGET_MS = 12;
const CHUNK_STEPS = 25; // at most this many steps per call into the core between clock checks

const DYNAMICS_STYLES = `
canvas.plot { cursor: default; touch-action: pan-y; }
.status.healthy { color: var(--ok); font-weight: 600; }
.status.fading { color: var(--warn); font-weight: 600; }
.status.vanishing { color: var(--accent); font-weight: 600; }
.status.exploding, .status.nan { color: var(--danger); font-weight: 600; }
.activation-summary { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Training dynamics</strong><span class="formula" data-role="formula"></span></div>
  <div class="chart-caption">Gradient norm ‖∂L/∂W‖ of each layer (log scale); the outlined bar is layer 1</div>
  <canvas class="plot" data-role="plot" tabindex="0" role="img"></canvas>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div data-role="full-views">
    <div class="chart-caption" data-role="chart-caption">Training loss per step</div>
    <canvas class="chart" data-role="chart" role="img"></canvas>
    <div class="chart-caption">Activations f(z) of each hidden layer on the data set (darker: more of them)</div>
    <canvas class="chart" data-role="strips" role="img"></canvas>
    <p class="activation-summary" data-role="activation-summary"></p>
  </div>
  <div class="controls" data-role="basic-controls"></div>
  <details data-role="advanced"><summary>More settings: width, optimizer, learning rate, clipping, steps, seed</summary>
    <div class="controls" data-role="advanced-controls"></div>
  </details>
</div>`;

// One recorded entry as views into the arrays of the core's entries() answer.
function splitEntries(answer, depth, hidden, bins) {
  const entries = [];
  for (let i = 0; i < answer.count; i++) {
    const perLayer = (array) => array.subarray(i * depth, (i + 1) * depth);
    const perHidden = (array) => array.subarray(i * hidden, (i + 1) * hidden);
    entries.push({
      loss: answer.loss[i],
      verdict: answer.verdicts[i],
      message: answer.messages[i],
      flowRatio: answer.flowRatio[i],
      gradientNorms: perLayer(answer.gradientNorms),
      weightNorms: perLayer(answer.weightNorms),
      activationMean: perHidden(answer.activationMean),
      activationStd: perHidden(answer.activationStd),
      zeroFraction: perHidden(answer.zeroFraction),
      deadUnitFraction: perHidden(answer.deadUnitFraction),
      meanLocalDerivative: perHidden(answer.meanLocalDerivative),
      saturatedFraction: perHidden(answer.saturatedFraction),
      nonFiniteFraction: perHidden(answer.nonFiniteFraction),
      histogramLow: answer.histogramLow[i],
      histogramHigh: answer.histogramHigh[i],
      histograms: answer.histograms.subarray(i * hidden * bins, (i + 1) * hidden * bins),
    });
  }
  return entries;
}

export class DescentDynamics extends DescentWidget {
  // The attributes a lesson's "try this" button resets before applying its own.
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'dynamics';

  constructor() {
    super(WIDGET_STYLES + DYNAMICS_STYLES, TEMPLATE);
    this.transportNoun = 'training run';
    this.reducedMotionMaxSpeed = 10;
    this.trace = null; // every entry recorded so far
    this.run = null; // the trace once the whole run is recorded
    this.createLiveRun({
      create: (config) => {
        const made = this.core.createDynamicsProbe(config);
        return made.ok ? { handle: made.probe } : { error: made.error };
      },
      advance: (probe, { budgetMs }) => this.train(probe, budgetMs),
      render: () => this.showTraining(),
      frameBudgetMs: FRAME_BUDGET_MS,
    });
  }

  prepare() {
    this.dynamicsCatalog = this.core.dynamicsCatalog();
    this.schema = dynamicsSchema(this.dynamicsCatalog);
    return '';
  }

  // The core's DynamicsProbe while it still trains (the live run deletes it when done), or null.
  get probe() {
    return this.liveRun.handle;
  }

  get lastStep() {
    return this.trace ? Math.max(0, this.trace.entries.length - 1) : 0;
  }

  // The verdict at the step shown ('healthy', 'fading', 'vanishing', 'exploding', 'nan').
  get verdict() {
    return this.shownEntry?.verdict ?? null;
  }

  get shownEntry() {
    if (!this.trace || this.trace.entries.length === 0) return null;
    return this.trace.entries[Math.min(this.shownStep, this.lastStep)];
  }

  checkState(state, errors) {
    checkOptimizer(state, this.schema, this.catalog, errors);
  }

  simulate(state) {
    const config = toCoreConfig(state);
    const problem = this.liveRun.load(config);
    if (problem) return problem;
    this.config = config;
    this.run = null;
    const { depth, hiddenLayers, bins } = this.probe.summary();
    this.trace = { entries: [], depth, hiddenLayers, bins, finished: false, diverged: false, divergedAtStep: -1 };
    if (!this.liveRun.advanceNow(FIRST_BUDGET_MS)) return this.liveRun.error;
    this.liveRun.play(); // the rest, frame by frame
    return '';
  }

  // The live run's advance: records entries until the budget is spent or the run is over, and
  // takes them into the trace (once done, every number is in the trace and the probe is deleted).
  train(probe, budgetMs) {
    const { trace } = this;
    const following = this.shownStep >= this.lastStep;
    withinBudget(
      budgetMs,
      (steps) => {
        probe.advance(steps);
        return probe.summary().finished;
      },
      CHUNK_STEPS,
    );
    const summary = probe.summary();
    trace.entries.push(
      ...splitEntries(probe.entries(trace.entries.length), trace.depth, trace.hiddenLayers, trace.bins),
    );
    if (following) this.shownStep = this.lastStep;
    if (!summary.finished) return { done: false };
    trace.finished = true;
    trace.diverged = summary.diverged;
    trace.divergedAtStep = summary.divergedAtStep;
    this.run = trace;
    return { done: true };
  }

  // The live run's render, after each frame of training.
  showTraining() {
    // With reduced motion the picture changes once, when training ends; the counter still moves.
    if (!prefersReducedMotion() || this.trace.finished) this.render();
    else this.renderTransport();
    if (this.trace.finished) this.dispatchEvent(new CustomEvent('descent-trained', { detail: { run: this.run } }));
  }

  // ---- controls ----

  buildControls() {
    const basic = this.parts['basic-controls'];
    const advanced = this.parts['advanced-controls'];
    this.controls = {
      activation: this.schemaControl('activation'),
      init: this.schemaControl('init'),
      depth: this.schemaControl('depth'),
      'batch-norm': this.schemaControl('batch-norm'),
      residual: this.schemaControl('residual'),
      width: this.schemaControl('width'),
      optimizer: this.schemaControl('optimizer'),
      lr: this.schemaControl('lr'),
      steps: this.schemaControl('steps'),
      clip: this.schemaControl('clip'),
      'clip-threshold': this.schemaControl('clip-threshold'),
      seed: this.schemaControl('seed'),
      speed: this.schemaControl('speed'),
    };
    const c = this.controls;
    basic.append(c.activation.element, c.init.element, c.depth.element, c['batch-norm'].element, c.residual.element);
    advanced.append(
      c.width.element,
      c.optimizer.element,
      c.lr.element,
      c.steps.element,
      c.clip.element,
      c['clip-threshold'].element,
      c.seed.element,
      c.speed.element,
    );
    this.buildTransport();
    this.simpleModeLink = createButton({
      label: 'All settings',
      title: 'Show every setting and view (leaves simple mode)',
      onClick: () => this.applyControl('mode', 'full'),
    });
    basic.append(this.simpleModeLink);
    // Left/right arrows on the bar chart walk through the recorded steps.
    this.parts.plot.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowLeft') this.stepBack();
      else if (event.key === 'ArrowRight') this.stepForward();
      else return;
      event.preventDefault();
    });
  }

  syncControls() {
    const { state, controls } = this;
    if (!state || !controls) return;
    for (const name of ['activation', 'init', 'depth', 'width', 'optimizer', 'lr', 'steps', 'clip-threshold', 'speed'])
      controls[name].setValue(state[name]);
    for (const name of ['batch-norm', 'residual', 'clip']) controls[name].setValue(state[name]);
    controls.seed.setValue(String(state.seed));
    controls['clip-threshold'].element.hidden = !state.clip;
    const simple = state.mode === 'simple';
    for (const name of ['init', 'batch-norm', 'residual']) controls[name].element.hidden = simple;
    this.simpleModeLink.hidden = !simple;
    this.parts.advanced.hidden = simple;
    this.parts['full-views'].hidden = simple;
    this.parts.transport.hidden = simple;
  }

  // ---- drawing ----

  render() {
    const entry = this.shownEntry;
    if (!entry) return;
    const k = Math.min(this.shownStep, this.lastStep);
    const width = this.parts.plot.clientWidth || 600;
    const { thresholds } = this.dynamicsCatalog;
    this.parts.formula.textContent = this.describeNetwork();
    this.renderReadout(entry, k);
    this.parts.plot.setAttribute(
      'aria-label',
      `Gradient norm of each of the ${entry.gradientNorms.length} layers at step ${k}; ${entry.message}. Left and right arrow keys step through training.`,
    );
    this.renderTransport();
    this.drawParts([
      () => {
        const context = prepareCanvas(this.parts.plot, width, barsHeight(width));
        drawGradientBars(context, width, barsHeight(width), { entry, thresholds });
      },
      () => {
        if (this.state.mode !== 'simple') this.renderLossChart(k);
      },
      () => {
        if (this.state.mode !== 'simple') this.renderStrips(entry, k);
      },
    ]);
  }

  describeNetwork() {
    const { config } = this;
    const parts = [
      `${config.depth} layers × ${config.width} units`,
      config.activation,
      initializerLabel(config.initializer).split(':')[0],
    ];
    if (config.batchNorm) parts.push('batch norm');
    if (config.residual) parts.push('residual');
    if (config.clip) parts.push(`clip ${formatNumber(config.clipThreshold, 2).replace(/\.?0+$/, '')}`);
    return parts.join(' · ');
  }

  renderReadout(entry, k) {
    const norms = entry.gradientNorms;
    let strongest = 0;
    for (let l = 1; l < norms.length; l++) if (norms[l] > norms[strongest]) strongest = l;
    const activation = this.config.activation.toUpperCase();
    this.parts.readout.textContent =
      `${activation} | step ${k}: layer 1 gradient ${formatNumber(norms[0])}, ` +
      `strongest ${formatNumber(norms[strongest])} (layer ${strongest + 1}), loss ${formatNumber(entry.loss)}`;
    this.parts.status.className = `status ${entry.verdict}`;
    this.parts.status.textContent = entry.message;
  }

  renderLossChart(k) {
    const { trace } = this;
    const width = this.parts.chart.clientWidth || 600;
    const height = Math.round(Math.min(180, Math.max(120, width * 0.25)));
    const context = prepareCanvas(this.parts.chart, width, height);
    const values = trace.entries.map((entry) => entry.loss);
    drawLineChart(context, width, height, {
      values,
      currentIndex: k,
      xLabel: 'step',
      yLabel: 'loss',
      color: LOSS_COLOR,
    });
    const nan = trace.diverged ? ` — NaN at step ${trace.divergedAtStep}: exploding` : '';
    const training = trace.finished ? '' : ` (training… ${this.lastStep} of ${this.config.steps})`;
    this.parts['chart-caption'].textContent =
      `Training loss per step: a flatline means vanishing, NaN means exploding${nan}${training}`;
    this.parts.chart.setAttribute(
      'aria-label',
      `Training loss from ${formatNumber(values[0])} at step 0 to ${formatNumber(values[values.length - 1])} at step ${values.length - 1}${nan}`,
    );
  }

  renderStrips(entry, k) {
    const width = this.parts.strips.clientWidth || 600;
    const height = stripsHeight(width);
    const context = prepareCanvas(this.parts.strips, width, height);
    drawActivationStrips(context, width, height, { entry, bins: this.trace.bins, activation: this.config.activation });
    const summary = describeActivations(entry, this.config.activation);
    this.parts['activation-summary'].textContent = summary;
    this.parts.strips.setAttribute(
      'aria-label',
      `Activation distribution of each hidden layer at step ${k}; ${summary}`,
    );
  }

  renderTransport() {
    super.renderTransport();
    if (this.trace && !this.trace.finished && this.stepCounter)
      this.stepCounter.textContent += ` (training… ${this.lastStep}/${this.config.steps})`;
  }
}
