// <descent-activations>: activation functions and their derivatives on the same axes (the
// derivative's maximum marked, the saturated region shaded, a probe to drag), softmax of a vector,
// and an initialisation panel: the first layer's weights and the activations after 1, 5 and 10
// layers under one initialiser, with the variance layer by layer. Every curve, bin and variance
// is the core's (activationCurves, softmaxOf, initPropagation).
import { drawBars } from '../../ui/bar-chart.js';
import { createTextInput } from '../../ui/controls.js';
import { formatNumber } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawHistogram } from '../../ui/histogram.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { DERIVATIVE_COLOR, FUNCTION_COLOR, drawActivationCurves, drawLayerHistograms, formatVariance } from './plot.js';
import { readCoreCatalogs } from '../../core-catalogs.js';
import {
  STATE_ATTRIBUTES,
  activationLabel,
  activationsSchema,
  initializerLabel,
  layerActivationLabel,
} from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';

const CURVE_SAMPLES = 481;

const STYLES = `
canvas.plot { touch-action: none; cursor: ew-resize; }
canvas.plot.vector { cursor: default; touch-action: pan-y; }
.panel-title { font-weight: 600; font-size: 14px; margin: 12px 0 2px; border-top: 1px solid var(--border); padding-top: 8px; }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Activation functions</strong><span class="formula" data-role="formula"></span></div>
  <div class="chart-caption" data-role="plot-caption"></div>
  <canvas class="plot" data-role="plot" tabindex="0" role="img"></canvas>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="controls" data-role="controls"></div>
  <div class="panel-title">Weight initialisation: the signal through <span data-role="depth"></span> layers</div>
  <div class="status" data-role="status" aria-live="polite"></div>
  <div class="chart-caption">Variance of z = a·W at each layer (log scale; layer 0 is the N(0, 1) input)</div>
  <canvas class="chart" data-role="variance" role="img"></canvas>
  <div class="chart-caption">Activations f(z) after layers <span data-role="shown-layers"></span> (one shared range)</div>
  <canvas class="chart" data-role="layers" role="img"></canvas>
  <div class="chart-caption" data-role="weights-caption"></div>
  <canvas class="chart" data-role="weights" role="img"></canvas>
  <div class="controls" data-role="init-controls"></div>
</div>`;

const FORMULAS = {
  sigmoid: 'σ(z) = 1/(1 + e^−z),  σ′ = σ(1 − σ)',
  tanh: 'tanh z,  tanh′ = 1 − tanh²',
  relu: 'max(0, z),  derivative 0 or 1',
  leaky_relu: 'z if z > 0 else αz',
  elu: 'z if z > 0 else α(e^z − 1)',
  gelu: 'z·Φ(z)',
  swish: 'z·σ(z)',
  softmax: 'softmax(z/T)ⱼ = e^(zⱼ/T) / Σₖ e^(zₖ/T)',
};

export class DescentActivations extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'neurons';

  constructor() {
    super(WIDGET_STYLES + STYLES, TEMPLATE);
    this.run = null;
    this.draggingProbe = false;
  }

  prepare() {
    // The choices, limits, the z range and the panel's depth, samples, bins and shown layers are
    // the core's.
    const { defaults } = (this.activationCatalog = readCoreCatalogs(this.core).activations);
    this.zRange = [defaults.from, defaults.to];
    this.shownLayers = Array.from(defaults.shownLayers);
    this.parts.depth.textContent = String(defaults.initDepth);
    this.parts['shown-layers'].textContent = this.shownLayers.join(', ');
    this.schema = activationsSchema(this.activationCatalog);
    return '';
  }

  simulate(state) {
    const activation = { activation: state.activation, ...(state.alpha === null ? {} : { alpha: state.alpha }) };
    let curves = null;
    let softmax = null;
    if (state.activation === 'softmax') {
      softmax = this.api.softmaxOf({ logits: state.logits, temperature: state.temperature }); // a DescentError is shown by update()
    } else {
      curves = this.api.activationCurves({
        ...activation,
        from: this.zRange[0],
        to: this.zRange[1],
        samples: CURVE_SAMPLES,
        probe: state.probe,
      });
    }
    const { initDepth, initSamples, initBins } = this.activationCatalog.defaults;
    const propagation = this.api.initPropagation({
      initializer: state.init,
      activation: state['init-activation'],
      width: state.width,
      depth: initDepth,
      samples: initSamples,
      bins: initBins,
      seed: state.seed,
      shownLayers: this.shownLayers,
    });
    this.config = { ...state };
    this.run = { curves, softmax, propagation };
    return '';
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      activation: this.schemaControl('activation'),
      alpha: createTextInput({
        name: 'alpha',
        label: 'α (leaky ReLU, ELU)',
        hint: 'Empty: the usual α (0.01 for leaky ReLU, 1 for ELU)',
        onChange: (raw) => (String(raw).trim() === '' ? this.clearAttribute('alpha') : this.applyControl('alpha', raw)),
      }),
      probe: this.schemaControl('probe'),
      logits: this.schemaControl('logits'),
      temperature: this.schemaControl('temperature'),
    };
    this.initControls = {
      init: this.schemaControl('init'),
      'init-activation': this.schemaControl('init-activation'),
      width: this.schemaControl('width'),
      seed: this.schemaControl('seed'),
    };
    this.parts.controls.append(...Object.values(this.controls).map((control) => control.element));
    this.parts['init-controls'].append(...Object.values(this.initControls).map((control) => control.element));
    this.bindProbeDragging(this.parts.plot);
  }

  clearAttribute(name) {
    this.controlErrors = [];
    this.removeAttribute(name);
    this.scheduleUpdate();
  }

  syncControls() {
    if (!this.state) return;
    const vector = this.state.activation === 'softmax';
    const shown = {
      alpha: ['leaky_relu', 'elu'].includes(this.state.activation),
      probe: !vector,
      logits: vector,
      temperature: vector,
    };
    for (const [name, control] of Object.entries(this.controls)) {
      if (name in shown) control.element.hidden = !shown[name];
      const entry = this.schemaByName.get(name);
      const value = this.state[name];
      control.setValue(value === null ? '' : entry.format ? entry.format(value) : String(value));
    }
    for (const [name, control] of Object.entries(this.initControls)) control.setValue(String(this.state[name]));
  }

  // ---- the probe: pointer (mouse, touch, pen) and keyboard ----

  bindProbeDragging(canvas) {
    const moveTo = (event) => {
      if (!this.frame) return;
      const rect = canvas.getBoundingClientRect();
      const [z] = this.frame.toWorld(event.clientX - rect.left, event.clientY - rect.top);
      this.applyControl('probe', String(Number(Math.min(this.zRange[1], Math.max(this.zRange[0], z)).toFixed(2))));
    };
    canvas.addEventListener('pointerdown', (event) => {
      if (!this.run?.curves) return;
      this.draggingProbe = true;
      canvas.setPointerCapture(event.pointerId);
      moveTo(event);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (this.draggingProbe) moveTo(event);
    });
    const stop = () => (this.draggingProbe = false);
    canvas.addEventListener('pointerup', stop);
    canvas.addEventListener('pointercancel', stop);
    canvas.addEventListener('keydown', (event) => {
      const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1 };
      if (!(event.key in steps) || !this.run?.curves) return;
      event.preventDefault();
      const step = event.shiftKey ? 0.01 : 0.1;
      const z = Math.min(this.zRange[1], Math.max(this.zRange[0], this.state.probe + steps[event.key] * step));
      this.applyControl('probe', String(Number(z.toFixed(2))));
    });
  }

  // ---- drawing ----

  render() {
    if (!this.run) return;
    const width = this.parts.plot.clientWidth || 600;
    const height = Math.round(Math.min(340, Math.max(220, width * 0.5)));
    this.parts.formula.textContent = FORMULAS[this.state.activation];
    this.drawParts([
      () => {
        const plot = prepareCanvas(this.parts.plot, width, height);
        if (this.run.curves) this.renderCurves(plot, width, height);
        else this.renderSoftmax(plot, width, height);
      },
      () => this.renderInitialisation(width),
    ]);
  }

  renderCurves(plot, width, height) {
    const { curves } = this.run;
    const name = activationLabel(this.state.activation);
    this.parts.plot.classList.remove('vector');
    this.parts['plot-caption'].textContent =
      `${name}: f(z) in blue, f′(z) in red, the saturated region shaded; drag the probe`;
    this.parts.plot.setAttribute('aria-label', `${name} and its derivative; arrow keys move the probe`);
    const probe = { z: this.state.probe, value: curves.probeValue, derivative: curves.probeDerivative };
    this.frame = drawActivationCurves(plot, width, height, { curves, probe });
    // A flat maximum (ReLU's 1 for every z > 0) is reported as a range, not as its first sample.
    const atPeak = curves.derivative.filter(
      (d) => d >= curves.derivative[curves.input.indexOf(curves.peakAt)] - 1e-9,
    ).length;
    const peakWhere =
      atPeak > 1 ? `from z = ${formatNumber(curves.peakAt, 2)} on` : `at z = ${formatNumber(curves.peakAt, 2)}`;
    const saturatedShare = curves.saturated.reduce((sum, flag) => sum + flag, 0) / curves.saturated.length;
    this.parts.readout.textContent = `${name} at z = ${formatNumber(probe.z, 2)}: f(z) = ${formatNumber(probe.value, 3)}, f′(z) = ${formatNumber(probe.derivative, 3)} | max f′ = ${formatNumber(curves.peakDerivative, 3)} ${peakWhere} | saturated on ${Math.round(saturatedShare * 100)}% of [${this.zRange.join(', ')}]`;
  }

  renderSoftmax(plot, width, height) {
    const { probabilities } = this.run.softmax;
    const logits = this.state.logits;
    this.frame = null;
    this.parts.plot.classList.add('vector');
    this.parts['plot-caption'].textContent = 'Softmax turns a vector of logits into probabilities that sum to 1';
    this.parts.plot.setAttribute('aria-label', 'Bars of the logits and of their softmax probabilities');
    const groups = logits.map((z, k) => ({
      label: `${k}`,
      bars: [
        { value: z, color: FUNCTION_COLOR },
        { value: probabilities[k], color: DERIVATIVE_COLOR },
      ],
    }));
    drawBars(plot, width, height, {
      groups,
      yLabel: 'z and softmax',
      legendEntries: [
        { label: 'logit z', color: FUNCTION_COLOR },
        { label: `softmax(z/T), T = ${this.state.temperature}`, color: DERIVATIVE_COLOR },
      ],
    });
    const list = (values) => `[${Array.from(values, (v) => formatNumber(v, 3)).join(', ')}]`;
    this.parts.readout.textContent = `softmax(${list(logits)} / ${this.state.temperature}) = ${list(probabilities)} | sum ${formatNumber(
      probabilities.reduce((a, b) => a + b, 0),
      3,
    )}`;
  }

  renderInitialisation(width) {
    const run = this.run.propagation;
    const init = initializerLabel(this.state.init).split(':')[0];
    const layerActivation = layerActivationLabel(this.state['init-activation']);
    const variances = [run.inputVariance, ...run.preactivationVariance];
    const chartHeight = Math.round(Math.min(220, Math.max(150, width * 0.32)));
    const varianceContext = prepareCanvas(this.parts.variance, width, chartHeight);
    this.parts.variance.setAttribute(
      'aria-label',
      `Variance of z at each of ${this.activationCatalog.defaults.initDepth} layers`,
    );
    drawLineChart(varianceContext, width, chartHeight, {
      values: variances,
      color: FUNCTION_COLOR,
      currentIndex: variances.length - 1,
      logScale: true,
      xLabel: 'layer',
      yLabel: 'Var(z)',
    });
    const layersContext = prepareCanvas(this.parts.layers, width, chartHeight);
    this.parts.layers.setAttribute(
      'aria-label',
      `Histograms of the activations after layers ${this.shownLayers.join(', ')}`,
    );
    const shownVariances = this.shownLayers.map((layer) => run.preactivationVariance[layer - 1]);
    drawLayerHistograms(layersContext, width, chartHeight, {
      histograms: run.histograms,
      bins: run.bins,
      low: run.histogramLow,
      high: run.histogramHigh,
      layers: this.shownLayers,
      variances: shownVariances,
      color: FUNCTION_COLOR,
    });
    const weightsContext = prepareCanvas(this.parts.weights, width, chartHeight);
    this.parts['weights-caption'].textContent =
      `Layer 1's ${this.state.width}×${this.state.width} weights: variance ${formatVariance(run.weightVariance)} (theory ${formatVariance(run.weightVarianceTheory)})`;
    this.parts.weights.setAttribute('aria-label', 'Histogram of the first layer weights');
    drawHistogram(weightsContext, width, chartHeight, {
      counts: Array.from(run.weightCounts),
      limit: run.weightLimit,
      color: '#8a94a6',
      xLabel: 'weight',
      yLabel: 'count',
    });
    const last = run.preactivationVariance.length - 1;
    const saturated = Math.round(run.saturatedFraction[last] * 100);
    this.parts.status.textContent = `${init} + ${layerActivation}, width ${this.state.width}: Var(z) ${formatVariance(run.inputVariance)} (input) → ${this.shownLayers.map((layer) => `${formatVariance(run.preactivationVariance[layer - 1])} (layer ${layer})`).join(' → ')}; ${saturated}% saturated at layer ${last + 1}`;
  }
}
