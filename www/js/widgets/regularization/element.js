// <descent-regularization>: the regularization explorer. A network of a chosen
// capacity is trained by the WebAssembly core on a small noisy sine; the widget
// shows the fitted function at any epoch, the training and validation loss (the
// "scissors") with the best epoch and the three phases, a verdict, the L1-vs-L2
// weight histograms and the bias–variance picture. Every number comes from the
// core (createRegularizationRun, compareWeightPenalties, runBiasVariance); this
// file turns state into those calls and draws the results (the two side panels:
// side-panels.js).
//
// A retrain runs on the live-run transport, a few epochs at a time within a frame's
// budget: the default setup finishes inside the first slice, a longer run shows its
// progress and grows on screen until it is done (paused off screen and in a hidden tab).
import { createButton } from '../../ui/controls.js';
import { formatNumber } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { TRAIN_COLOR, TRUE_COLOR, VALIDATION_COLOR, chartHeight, drawFit, drawScissors, fitHeight } from './plot.js';
import { readCoreCatalogs } from '../../core-catalogs.js';
import { BIAS_VARIANCE_SETS, SIDE_PANELS } from './side-panels.js';
import {
  OPTIMIZER_LABELS,
  STATE_ATTRIBUTES,
  capacityLabels,
  checkRegularizationState,
  l2LambdaOf,
  learningRateOf,
  regularizationSchema,
  toRegularizationConfig,
} from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { withinBudget } from '../transports/live-run.js';
import { WIDGET_STYLES } from '../widget-styles.js';

// Changing the optimizer resets the learning rate and weight decay to that optimizer's own.
const RESETS_ON_CHANGE = { optimizer: ['lr', 'l2-lambda'] };
const FRAME_BUDGET_MS = 12; // training per animation frame, leaving time to draw
const CHUNK_EPOCHS = 10; // at most this many epochs per call into the core between clock checks
const VERDICT_LABELS = { underfitting: 'Underfitting', good_fit: 'Good fit', overfitting: 'Overfitting' };

const REGULARIZATION_STYLES = `
.legend { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 12px; color: var(--secondary); margin: 2px 0 4px; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.legend i { display: inline-block; width: 16px; height: 0; border-top: 3px solid; }
.legend i.dot { width: 9px; height: 9px; border: 0; border-radius: 50%; }
.legend i.ring { width: 9px; height: 9px; border: 2px solid; border-radius: 50%; }
.legend i.dashed { border-top-style: dashed; border-top-width: 2px; }
.legend i.dot { background: ${TRAIN_COLOR}; }
.legend i.ring, .legend i.validation-loss { border-color: ${VALIDATION_COLOR}; }
.legend i.fit { border-color: var(--text); }
.legend i.true-function { border-color: ${TRUE_COLOR}; }
.legend i.training-loss { border-color: ${TRAIN_COLOR}; }
.legend i.best-epoch { border-color: var(--ok); }
.status { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
.badge { display: inline-block; font-weight: 700; font-size: 12.5px; padding: 2px 9px; border-radius: 999px; border: 1px solid; }
.badge.underfitting { color: var(--warn); background: var(--warn-soft); border-color: light-dark(#e0b94d, #8a6a1f); }
.badge.good_fit { color: var(--ok); background: var(--ok-soft); border-color: light-dark(#8cc98f, #2f6b35); }
.badge.overfitting { color: var(--danger); background: var(--danger-soft); border-color: light-dark(#eba0a0, #8a3a3a); }
.badge.diverged { color: var(--on-accent); background: var(--danger); border-color: var(--danger); }
.badge.training { color: var(--secondary); background: var(--panel); border-color: var(--border); }
.progress { display: flex; gap: 8px; align-items: center; font-size: 12.5px; color: var(--secondary); margin: 2px 0; }
.progress progress { flex: 1; max-width: 280px; accent-color: var(--accent); }
.scrub { margin: 4px 0 2px; }
.scrub input { width: 100%; accent-color: var(--accent); }
.section-title { font-size: 13px; font-weight: 700; margin: 12px 0 0; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 10px; }
.pair figure { margin: 0; min-width: 0; }
.pair figcaption { font-size: 12.5px; color: var(--secondary); margin-top: 2px; }
.panel-note { font-size: 12.5px; color: var(--secondary); margin: 4px 0; }
.regularizers { display: grid; gap: 6px; margin-top: 8px; }
.regularizer { display: grid; grid-template-columns: minmax(150px, 190px) minmax(0, 1fr); gap: 4px 12px; align-items: center; border: 1px solid var(--border); border-radius: 8px; padding: 6px 8px; }
.regularizer input[type=checkbox] { margin: 0; }
.regularizer .field-inline label { font-size: 13px; }
.widget { container-type: inline-size; }
@container (max-width: 480px) { .regularizer { grid-template-columns: 1fr; } }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Regularization explorer</strong><span class="formula" data-role="formula"></span></div>
  <div class="legend" aria-hidden="true">
    <span><i class="dot"></i>training points</span>
    <span><i class="ring"></i>validation points</span>
    <span><i class="fit"></i>the network's fit</span>
    <span><i class="dashed true-function"></i>true function sin 2πx</span>
  </div>
  <canvas class="plot" data-role="plot" role="img"></canvas>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status"></div>
  <div class="progress" data-role="progress" hidden><progress data-role="progress-bar" max="1" value="0"></progress><span data-role="progress-text"></span></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div class="field scrub"><label data-role="scrub-label">Epoch shown</label><input type="range" data-role="scrub" min="0" max="1" step="1" value="0"></div>
  <div class="chart-caption">Training and validation loss per epoch — the scissors</div>
  <canvas class="chart" data-role="chart" role="img"></canvas>
  <div class="legend" aria-hidden="true">
    <span><i class="training-loss"></i>training loss</span>
    <span><i class="validation-loss"></i>validation loss</span>
    <span><i class="dashed best-epoch"></i>best validation epoch</span>
  </div>
  <div class="section-title">Model and training</div>
  <div class="controls" data-role="model-controls"></div>
  <div class="section-title">Regularization</div>
  <div class="regularizers" data-role="regularization-controls" role="group" aria-label="Regularization"></div>
  <div class="section-title">Data</div>
  <div class="controls" data-role="data-controls"></div>
  <details data-role="weights-panel"><summary>L1 vs L2: where the weights end up</summary>
    <p class="panel-note" data-role="weights-text"></p>
    <div class="pair">
      <figure><canvas data-role="l1-histogram" role="img"></canvas><figcaption data-role="l1-caption"></figcaption></figure>
      <figure><canvas data-role="l2-histogram" role="img"></canvas><figcaption data-role="l2-caption"></figcaption></figure>
    </div>
  </details>
  <details data-role="bias-variance-panel"><summary>Bias and variance: the fit on ${BIAS_VARIANCE_SETS} training sets</summary>
    <p class="panel-note" data-role="bias-variance-text"></p>
    <div class="pair">
      <figure><canvas data-role="simple-fits" role="img"></canvas><figcaption data-role="simple-caption"></figcaption></figure>
      <figure><canvas data-role="complex-fits" role="img"></canvas><figcaption data-role="complex-caption"></figcaption></figure>
    </div>
  </details>
</div>`;

let nextScrubId = 0;

export class DescentRegularization extends DescentWidget {
  // The attributes a lesson's "try this" button resets before applying its own.
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'training';

  constructor() {
    super(`${WIDGET_STYLES}${REGULARIZATION_STYLES}`, TEMPLATE);
    this.run = null; // the finished result
    this.partial = null; // the result so far while training
    this.panelTimers = {};
    this.transportNoun = 'training';
    this.reducedMotionMaxSpeed = 20;
    this.resetsOnChange = RESETS_ON_CHANGE;
    this.createLiveRun({
      create: (config) => {
        const created = this.core.createRegularizationRun(config);
        return created.ok ? { handle: created.run } : { error: created.error };
      },
      advance: (training, { budgetMs }) => this.train(training, budgetMs),
      render: () => this.showTraining(),
      frameBudgetMs: FRAME_BUDGET_MS,
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const timer of Object.values(this.panelTimers)) clearTimeout(timer);
  }

  // The core's RegularizationTraining in progress (the live run deletes it when done), or null.
  get training() {
    return this.liveRun.handle;
  }

  prepare() {
    if (typeof this.core.createRegularizationRun !== 'function')
      return 'This build of the Descent core has no createRegularizationRun: rebuild descent.js.';
    // The capacities, optimizers, limits and defaults are the core's.
    this.regularizationCatalog = readCoreCatalogs(this.core).regularization;
    this.capacityLabels = capacityLabels(this.regularizationCatalog);
    this.schema = regularizationSchema(this.regularizationCatalog);
    return '';
  }

  get result() {
    return this.run ?? this.partial;
  }

  get lastStep() {
    return this.result ? this.result.epochsCompleted : 0;
  }

  checkState(state, errors) {
    checkRegularizationState(state, errors, this.regularizationCatalog);
  }

  // ---- training ----

  simulate(state) {
    const config = toRegularizationConfig(state, this.regularizationCatalog);
    const problem = this.liveRun.load(config);
    if (problem) return problem;
    this.config = config;
    this.run = null;
    if (!this.liveRun.advanceNow(FRAME_BUDGET_MS)) return this.liveRun.error;
    this.liveRun.play(); // the rest, frame by frame
    return '';
  }

  // The live run's advance: trains for about `budgetMs` and keeps the result so far, or the
  // finished result (the live run then deletes the core object).
  train(training, budgetMs) {
    let error = '';
    const finished = withinBudget(
      budgetMs,
      (epochs) => {
        const advanced = training.advance(epochs);
        if (!advanced.ok) error = advanced.error;
        return Boolean(error) || advanced.finished;
      },
      CHUNK_EPOCHS,
    );
    if (error) return { error };
    const result = training.result();
    if (finished) {
      this.run = result;
      this.partial = null;
      this.schedulePanels();
    } else {
      this.partial = result;
    }
    return { done: finished };
  }

  // The live run's render, after each frame of training.
  showTraining() {
    if (!this.animator.playing) this.shownStep = this.lastStep;
    this.render();
    if (this.run)
      this.dispatchEvent(new CustomEvent('descent-update', { detail: { ...this.updateDetail, errors: [] } }));
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      capacity: this.schemaControl('capacity'),
      width: this.schemaControl('width'),
      depth: this.schemaControl('depth'),
      epochs: this.schemaControl('epochs'),
      optimizer: this.schemaControl('optimizer'),
      lr: this.schemaControl('lr'),
      dropout: this.schemaControl('dropout'),
      'dropout-rate': this.schemaControl('dropout-rate'),
      l2: this.schemaControl('l2'),
      'l2-lambda': this.schemaControl('l2-lambda'),
      l1: this.schemaControl('l1'),
      'l1-lambda': this.schemaControl('l1-lambda'),
      'early-stopping': this.schemaControl('early-stopping'),
      patience: this.schemaControl('patience'),
      noise: this.schemaControl('noise'),
      'train-points': this.schemaControl('train-points'),
      seed: this.schemaControl('seed'),
      speed: this.schemaControl('speed'),
    };
    const c = this.controls;
    const newData = createButton({
      label: 'New data',
      title: 'Draw a new noisy data set (next seed)',
      onClick: () => this.applyControl('seed', String((this.state?.seed ?? 0) + 1)),
    });
    const newDataField = document.createElement('div');
    newDataField.className = 'field';
    newDataField.append(newData);
    this.parts['model-controls'].append(
      c.capacity.element,
      c.width.element,
      c.depth.element,
      c.epochs.element,
      c.optimizer.element,
      c.lr.element,
    );
    // One row per regularizer: its switch, then its strength.
    for (const [toggleName, strengthName] of [
      ['dropout', 'dropout-rate'],
      ['l2', 'l2-lambda'],
      ['l1', 'l1-lambda'],
      ['early-stopping', 'patience'],
    ]) {
      const row = document.createElement('div');
      row.className = 'regularizer';
      row.append(c[toggleName].element, c[strengthName].element);
      this.parts['regularization-controls'].append(row);
    }
    this.parts['data-controls'].append(
      c.noise.element,
      c['train-points'].element,
      c.seed.element,
      newDataField,
      c.speed.element,
    );
    this.buildTransport();
    this.bindScrubbing();
    for (const name of ['weights-panel', 'bias-variance-panel']) {
      this.parts[name].addEventListener('toggle', () => this.schedulePanels());
    }
  }

  syncControls() {
    const { state, controls } = this;
    if (!state) return;
    for (const name of ['capacity', 'optimizer']) controls[name].setValue(state[name]);
    for (const name of [
      'width',
      'depth',
      'epochs',
      'dropout-rate',
      'l1-lambda',
      'patience',
      'noise',
      'train-points',
      'speed',
    ])
      controls[name].setValue(state[name]);
    for (const name of ['dropout', 'l2', 'l1', 'early-stopping']) controls[name].setValue(state[name]);
    controls.lr.setValue(learningRateOf(state, this.regularizationCatalog));
    controls['l2-lambda'].setValue(l2LambdaOf(state, this.regularizationCatalog));
    controls.seed.setValue(String(state.seed));
    controls.width.element.hidden = state.capacity !== 'custom';
    controls.depth.element.hidden = state.capacity !== 'custom';
  }

  // The scrub slider and a click or drag on the loss chart choose the epoch shown.
  bindScrubbing() {
    const scrub = this.parts.scrub;
    scrub.id = `descent-regularization-scrub-${++nextScrubId}`;
    this.parts['scrub-label'].htmlFor = scrub.id;
    scrub.addEventListener('input', () => {
      this.animator.pause();
      this.shownStep = Number(scrub.value);
      this.render();
    });
    const chart = this.parts.chart;
    const scrubTo = (event) => {
      if (!this.chartFrame || !this.result) return;
      const rect = chart.getBoundingClientRect();
      const [epoch] = this.chartFrame.toWorld(event.clientX - rect.left, event.clientY - rect.top);
      this.animator.pause();
      this.shownStep = Math.max(0, Math.min(this.lastStep, Math.round(epoch)));
      this.render();
    };
    chart.addEventListener('pointerdown', (event) => {
      chart.setPointerCapture(event.pointerId);
      scrubTo(event);
    });
    chart.addEventListener('pointermove', (event) => {
      if (chart.hasPointerCapture(event.pointerId)) scrubTo(event);
    });
  }

  // ---- drawing ----

  render() {
    const result = this.result;
    if (!result) return;
    const epoch = Math.min(this.shownStep, result.epochsCompleted);
    const plotWidth = this.parts.plot.clientWidth || 600;
    const chartWidth = this.parts.chart.clientWidth || 600;
    this.drawParts([
      () => {
        const fitContext = prepareCanvas(this.parts.plot, plotWidth, fitHeight(plotWidth));
        drawFit(fitContext, plotWidth, fitHeight(plotWidth), { result, epoch });
      },
      () => {
        const chartContext = prepareCanvas(this.parts.chart, chartWidth, chartHeight(chartWidth));
        this.chartFrame = drawScissors(chartContext, chartWidth, chartHeight(chartWidth), {
          result,
          epoch,
          finished: Boolean(this.run),
        });
      },
    ]);
    this.parts.formula.textContent = `${this.capacityLabels[this.state.capacity]}, ${OPTIMIZER_LABELS[this.state.optimizer] ?? this.state.optimizer}`;
    this.parts.plot.setAttribute(
      'aria-label',
      `${result.trainX.length} training and ${result.validationX.length} validation points of a noisy sine, and the network's fit after ${epoch} epochs`,
    );
    this.parts.chart.setAttribute(
      'aria-label',
      `Training and validation loss over ${result.epochsCompleted} epochs; best validation loss at epoch ${result.bestEpoch}. Click to show an epoch.`,
    );
    this.renderReadout(result, epoch);
    this.renderStatus(result);
    this.renderProgress(result);
    const scrub = this.parts.scrub;
    scrub.max = String(result.epochsCompleted);
    scrub.value = String(epoch);
    scrub.setAttribute('aria-valuetext', `epoch ${epoch} of ${result.epochsCompleted}`);
    this.renderTransport();
  }

  phaseAt(result, epoch) {
    if (!this.run) return '';
    if (epoch < result.sweetSpotFirst) return 'learning';
    if (epoch <= result.sweetSpotLast) return 'sweet spot';
    return 'overfitting phase';
  }

  renderReadout(result, epoch) {
    const verdict = VERDICT_LABELS[result.verdicts[epoch]].toLowerCase();
    const phase = this.phaseAt(result, epoch);
    const zeros = this.config.l1 > 0 ? `, ${result.zeroWeights[epoch]} of ${result.weightCount} weights exactly 0` : '';
    this.parts.readout.textContent = `Epoch ${epoch} of ${result.epochsCompleted}${phase ? ` (${phase})` : ''}: train ${formatNumber(result.trainLoss[epoch], 4)}, validation ${formatNumber(result.validationLoss[epoch], 4)}, gap ${formatNumber(result.gap[epoch], 4)} — ${verdict}${zeros}`;
  }

  // The verdict on the weights the run keeps, and the numbers it rests on.
  renderStatus(result) {
    const status = this.parts.status;
    const badge = document.createElement('span');
    const details = document.createElement('span');
    if (!this.run) {
      badge.className = 'badge training';
      badge.textContent = 'Training…';
      details.textContent = `epoch ${result.epochsCompleted} of ${result.epochs}`;
    } else if (result.stopKind === 'diverged') {
      badge.className = 'badge diverged';
      badge.textContent = 'Diverged';
      details.textContent = `${result.stopReason} — lower the learning rate. Best validation ${formatNumber(result.bestValidationLoss, 4)} at epoch ${result.bestEpoch}.`;
    } else {
      const kept = result.keptEpoch;
      const verdict = result.verdicts[kept];
      badge.className = `badge ${verdict}`;
      badge.textContent = VERDICT_LABELS[verdict];
      const keptText = kept === result.epochsCompleted ? '' : ` (the weights of epoch ${kept}, restored)`;
      details.textContent = `final validation ${formatNumber(result.validationLoss[kept], 4)}${keptText}, best ${formatNumber(result.bestValidationLoss, 4)} at epoch ${result.bestEpoch}, gap ${formatNumber(result.gap[kept], 4)} — ${result.stopReason}`;
    }
    status.replaceChildren(badge, ' ', details);
  }

  renderProgress(result) {
    const training = !this.run;
    this.parts.progress.hidden = !training;
    if (!training) return;
    this.parts['progress-bar'].max = result.epochs;
    this.parts['progress-bar'].value = result.epochsCompleted;
    this.parts['progress-text'].textContent = `Training: epoch ${result.epochsCompleted} of ${result.epochs}`;
  }

  renderTransport() {
    super.renderTransport();
    if (this.result)
      this.stepCounter.textContent = `epoch ${Math.min(this.shownStep, this.lastStep)} / ${this.lastStep}`;
  }
}

// The side panels (side-panels.js) are methods of the element too.
Object.assign(DescentRegularization.prototype, SIDE_PANELS);
