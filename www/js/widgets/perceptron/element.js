// <descent-perceptron>: Rosenblatt's perceptron next to a 2-2-1 multi-layer perceptron on one
// logic data set (XOR, AND, OR, NAND). Left: the perceptron's line over the four points, epoch by
// epoch, with its error count per epoch (never 0 on XOR). Right: the MLP's decision field and its
// two hidden units' lines, with its accuracy and loss per epoch. Every line, field and number is
// the core's (perceptronVsMlp runs both models in one call; perceptronMlpField gives the field of
// the epoch shown).
import { formatNumber } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { themeOf } from '../../ui/palette.js';
import { CLASS_COLORS, HIDDEN_LINE_COLORS, drawEpochChart, drawMlpPanel, drawPerceptronPanel } from './plot.js';
import { readCoreCatalogs } from '../../core-catalogs.js';
import { STATE_ATTRIBUTES, perceptronSchema } from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';

const CHART_HEIGHT = 130;

const PERCEPTRON_STYLES = `
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 10px 16px; }
.panel { min-width: 0; }
.panel h3 { font-size: 13.5px; margin: 2px 0 4px; }
.panel canvas.plot { cursor: default; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; color: var(--muted); margin: 4px 0 0; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
.dash { display: inline-block; width: 16px; border-top: 2px dashed; margin-right: 4px; vertical-align: 3px; }
.swatch.label-0 { background: ${CLASS_COLORS[0]}; }
.swatch.label-1 { background: ${CLASS_COLORS[1]}; }
.swatch.wrong { background: none; border: 3px solid var(--danger); width: 14px; height: 14px; }
.dash.hidden-0 { border-color: ${HIDDEN_LINE_COLORS[0]}; }
.dash.hidden-1 { border-color: ${HIDDEN_LINE_COLORS[1]}; }
.summary { font-weight: 600; margin-top: 6px; }
.status .good { color: var(--ok); font-weight: 600; }
.status .bad { color: var(--danger); font-weight: 600; }
.epoch-row { display: flex; gap: 8px; align-items: center; font-size: 13px; }
.epoch-row input[type=range] { flex: 1; min-width: 0; accent-color: var(--accent); }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Perceptron vs a 2-2-1 network</strong><span class="formula" data-role="formula"></span></div>
  <div class="panels">
    <section class="panel">
      <h3>Rosenblatt’s perceptron: ŷ = step(w₁x₁ + w₂x₂ + b)</h3>
      <canvas class="plot" data-role="plot" role="img"></canvas>
      <div class="readout" data-role="perceptron-readout" aria-live="polite" data-loading>Loading the simulation core…</div>
      <div class="chart-caption">Misclassified points met in each epoch</div>
      <canvas class="chart" data-role="errors-chart" role="img" aria-label="The perceptron's error count per epoch"></canvas>
      <div class="status" data-role="perceptron-status"></div>
    </section>
    <section class="panel">
      <h3>2-2-1 MLP: tanh hidden units, sigmoid output, backprop</h3>
      <canvas class="plot" data-role="mlp-plot" role="img"></canvas>
      <div class="readout" data-role="mlp-readout" aria-live="polite"></div>
      <div class="chart-caption">Binary cross-entropy over the four points, per epoch</div>
      <canvas class="chart" data-role="loss-chart" role="img" aria-label="The MLP's loss per epoch"></canvas>
      <div class="status" data-role="mlp-status"></div>
    </section>
  </div>
  <div class="legend" data-role="legend"></div>
  <div class="status summary" data-role="status" aria-live="polite"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div class="epoch-row"><label data-role="epoch-label" for="epoch-slider">Epoch shown</label><input type="range" id="epoch-slider" data-role="epoch-slider" min="0" max="1" step="1" value="0"></div>
  <div class="controls" data-role="controls"></div>
</div>`;

const LEGEND = `
<span><span class="swatch label-0"></span>label 0</span>
<span><span class="swatch label-1"></span>label 1</span>
<span><span class="swatch wrong"></span>predicted wrong</span>
<span><span class="dash hidden-0"></span><span class="dash hidden-1"></span>hidden units’ lines (tanh = 0)</span>`;

// Four significant digits without trailing zeros: w = (0.5, 0.5), loss 0.005847.
const short = (value) => (Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value));

const DATASET_LABELS = { xor: 'XOR', and: 'AND', or: 'OR', nand: 'NAND' };

export class DescentPerceptron extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'neurons';

  constructor() {
    super(WIDGET_STYLES + PERCEPTRON_STYLES, TEMPLATE);
    this.run = null;
    this.fieldCache = null;
    this.transportNoun = 'training';
    this.reducedMotionMaxSpeed = 4;
    this.parts.legend.innerHTML = LEGEND;
    this.parts['epoch-slider'].addEventListener('input', () => {
      this.animator.pause();
      this.shownStep = Number(this.parts['epoch-slider'].value);
      this.render();
    });
  }

  prepare() {
    if (typeof this.core.perceptronCatalog !== 'function')
      return 'This build of the core has no perceptronCatalog: rebuild the WebAssembly module.';
    // The data sets, limits and defaults are the core's.
    this.perceptronCatalog = readCoreCatalogs(this.core).perceptron;
    this.schema = perceptronSchema(this.perceptronCatalog);
    return '';
  }

  get lastStep() {
    return this.run ? this.run.epochs : 0;
  }

  simulate(state) {
    const answer = this.api.perceptronVsMlp({
      dataset: state.dataset,
      epochs: state.epochs,
      learningRate: state['learning-rate'],
      seed: state.seed,
      fieldResolution: this.perceptronCatalog.defaults.fieldResolution,
    });
    this.config = { ...state };
    this.run = { ...answer, epochs: answer.mlp.loss.length };
    this.fieldCache = { step: this.run.epochs, field: answer.mlp.field };
    return '';
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      dataset: this.schemaControl('dataset'),
      epochs: this.schemaControl('epochs'),
      'learning-rate': this.schemaControl('learning-rate'),
      seed: this.schemaControl('seed'),
      speed: this.schemaControl('speed'),
    };
    this.parts.controls.append(...Object.values(this.controls).map((control) => control.element));
    this.buildTransport();
  }

  syncControls() {
    if (!this.state) return;
    for (const [name, control] of Object.entries(this.controls)) control.setValue(String(this.state[name]));
  }

  renderTransport() {
    super.renderTransport();
    if (!this.run) return;
    const slider = this.parts['epoch-slider'];
    slider.max = String(this.lastStep);
    slider.value = String(Math.min(this.shownStep, this.lastStep));
    this.stepCounter.textContent = `epoch ${Math.min(this.shownStep, this.lastStep)} / ${this.lastStep}`;
  }

  // ---- drawing ----

  // The MLP's decision field after `step` epochs: the core's field for that epoch's parameters.
  fieldAt(step) {
    if (this.fieldCache?.step === step) return this.fieldCache.field;
    const count = this.run.mlp.parameterCount;
    const answer = this.core.perceptronMlpField({
      parameters: this.run.mlp.parameters.subarray(step * count, (step + 1) * count),
      resolution: this.perceptronCatalog.defaults.fieldResolution,
    });
    if (!answer.ok) {
      this.parts.error.textContent = answer.error;
      return null;
    }
    this.fieldCache = { step, field: answer };
    return answer;
  }

  render() {
    this.renderTransport();
    if (!this.run) return;
    const { run } = this;
    const step = Math.min(this.shownStep, this.lastStep);
    const name = DATASET_LABELS[run.dataset];
    this.parts.formula.textContent = `${name} on (0,0), (0,1), (1,0), (1,1); η = ${formatNumber(this.config['learning-rate'], 3)}, MLP seed ${this.config.seed}`;
    this.parts.status.textContent = this.summary(name);
    this.drawParts([() => this.renderPerceptron(step, name), () => this.renderMlp(step)]);
  }

  // The whole run in one line (what a lesson's experiment promises): independent of the epoch shown.
  summary(name) {
    const { perceptron, mlp } = this.run;
    const perceptronText = perceptron.converged
      ? `perceptron converged at epoch ${perceptron.epochsToConverge}`
      : `perceptron never converged in ${perceptron.errors.length} epochs (fewest errors in an epoch: ${Math.min(...perceptron.errors)})`;
    const last = mlp.loss.length - 1;
    const mlpText =
      mlp.epochsToSolve > 0
        ? `MLP 4/4 from epoch ${mlp.epochsToSolve}`
        : `MLP not solved, ${Math.round(mlp.accuracy[last] * 4)}/4`;
    return `${name}: ${perceptronText}; ${mlpText}, loss ${short(mlp.loss[last])} after epoch ${last + 1}.`;
  }

  renderPerceptron(step, name) {
    const { run } = this;
    const { perceptron } = run;
    const states = perceptron.w1.length;
    const index = Math.min(step, states - 1); // after convergence the line stays put
    const size = this.parts.plot.clientWidth || 320;
    const plot = prepareCanvas(this.parts.plot, size, size);
    const predicted = perceptron.predictions.subarray(index * 4, index * 4 + 4);
    const line = { w1: perceptron.w1[index], w2: perceptron.w2[index], bias: perceptron.bias[index] };
    drawPerceptronPanel(plot, size, { view: run.view, inputs: run.inputs, labels: run.labels, predicted, ...line });
    this.parts.plot.setAttribute(
      'aria-label',
      `The perceptron's line after epoch ${index} over the four ${name} points`,
    );
    const chartWidth = this.parts['errors-chart'].clientWidth || size;
    const chart = prepareCanvas(this.parts['errors-chart'], chartWidth, CHART_HEIGHT);
    drawEpochChart(chart, chartWidth, CHART_HEIGHT, {
      values: perceptron.errors,
      epochCount: run.epochs,
      currentEpoch: index,
      color: themeOf(chart).danger,
      yMax: 4.2,
      yLabel: 'errors',
      bars: true,
      integerTicks: true,
    });

    const wrong = predicted.reduce((sum, p, i) => sum + (p !== run.labels[i] ? 1 : 0), 0);
    const errorsText =
      index === 0
        ? 'before training'
        : `${perceptron.errors[index - 1]} error${perceptron.errors[index - 1] === 1 ? '' : 's'} during epoch ${index}`;
    this.parts['perceptron-readout'].textContent =
      `epoch ${index}: w = (${short(line.w1)}, ${short(line.w2)}), b = ${short(line.bias)} | ${errorsText} | now ${4 - wrong}/4 right`;
    const status = this.parts['perceptron-status'];
    if (perceptron.converged) {
      status.innerHTML = `<span class="good">Converged at epoch ${perceptron.epochsToConverge}</span>: an epoch with no error, so the rule stops changing the line.`;
    } else {
      const fewest = Math.min(...perceptron.errors);
      status.innerHTML = `<span class="bad">Never converged in ${perceptron.errors.length} epochs</span>: the fewest errors in an epoch was ${fewest}. ${run.dataset === 'xor' ? 'No straight line separates XOR’s classes.' : 'Give it more epochs.'}`;
    }
  }

  renderMlp(step) {
    const { run } = this;
    const { mlp } = run;
    const size = this.parts['mlp-plot'].clientWidth || 320;
    const plot = prepareCanvas(this.parts['mlp-plot'], size, size);
    const field = this.fieldAt(step);
    if (!field) return;
    const count = mlp.parameterCount;
    const parameters = mlp.parameters.subarray(step * count, (step + 1) * count);
    const probability = mlp.pointProbability.subarray(step * 4, step * 4 + 4);
    const predicted = Array.from(probability, (p) => (p > 0.5 ? 1 : 0));
    drawMlpPanel(plot, size, { view: run.view, inputs: run.inputs, labels: run.labels, predicted, field, parameters });
    this.parts['mlp-plot'].setAttribute(
      'aria-label',
      `The MLP's decision field after epoch ${step}, with its hidden units' lines`,
    );
    const chartWidth = this.parts['loss-chart'].clientWidth || size;
    const chart = prepareCanvas(this.parts['loss-chart'], chartWidth, CHART_HEIGHT);
    drawEpochChart(chart, chartWidth, CHART_HEIGHT, {
      values: mlp.loss,
      epochCount: run.epochs,
      currentEpoch: step,
      color: themeOf(chart).accent,
      yLabel: 'loss',
    });

    const p = Array.from(probability, (v) => v.toFixed(3)).join(', ');
    const epochText =
      step === 0
        ? 'epoch 0 (initial weights)'
        : `epoch ${step}: accuracy ${Math.round(mlp.accuracy[step - 1] * 4)}/4, loss ${short(mlp.loss[step - 1])}`;
    this.parts['mlp-readout'].textContent = `${epochText} | P(label 1) at the points: ${p}`;
    const status = this.parts['mlp-status'];
    const last = mlp.accuracy.length - 1;
    if (mlp.stopReason !== 'completed') {
      status.innerHTML = `<span class="bad">Training stopped</span>: ${mlp.stopReason}. Lower the learning rate.`;
    } else if (mlp.epochsToSolve > 0) {
      status.innerHTML = `<span class="good">4/4 from epoch ${mlp.epochsToSolve}</span>; the loss keeps falling to ${short(mlp.loss[last])} by epoch ${last + 1}.`;
    } else {
      status.innerHTML = `<span class="bad">Not solved in ${last + 1} epochs</span>: ${Math.round(mlp.accuracy[last] * 4)}/4, loss ${short(mlp.loss[last])}. This seed’s start is stuck — try another seed or more epochs.`;
    }
  }
}
