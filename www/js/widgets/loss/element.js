// <descent-loss>: loss functions side by side. Regression losses as curves of the error and as the
// line each one fits through points with draggable outliers (refitted by the core on every move);
// BCE vs MSE on a sigmoid output, focal and hinge as functions of the logit; categorical
// cross-entropy of an editable softmax output; KL(P‖Q) against KL(Q‖P). Every curve, line and
// number is the core's (lossCurves, fitLines, lineFitPoints, categoricalCrossEntropy, klDivergence).
import { formatNumber } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawBars } from '../../ui/bar-chart.js';
import { LOSS_COLORS, LOSS_LABELS, drawCurves, drawLineFit } from './plot.js';
import {
  FIT_X_RANGE,
  FIT_Y_RANGE,
  LOSS_SCHEMA,
  MAX_OUTLIERS,
  OUTLIER_FORMAT,
  STATE_ATTRIBUTES,
  VIEWS,
  VIEW_CONTROLS,
} from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';

const REGRESSION_CURVES = ['mse', 'mae', 'huber'];
const LOGIT_CURVES = ['bce', 'mse_sigmoid', 'focal', 'hinge'];
const ERROR_RANGE = [-4, 4];
const LOGIT_RANGE = [-10, 10];
const CURVE_SAMPLES = 401;
const GRAB_RADIUS_PX = 18;
const FIT_BOX = { xMin: FIT_X_RANGE[0], xMax: FIT_X_RANGE[1], yMin: -6, yMax: 6 };

const LOSS_STYLES = `
canvas.plot { touch-action: none; }
.view-regression canvas.plot { cursor: grab; }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Loss functions</strong><span class="formula" data-role="formula"></span></div>
  <div class="chart-caption" data-role="plot-caption"></div>
  <canvas class="plot" data-role="plot" tabindex="0" role="img"></canvas>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div data-role="chart-block">
    <div class="chart-caption" data-role="chart-caption"></div>
    <canvas class="chart" data-role="chart" role="img"></canvas>
  </div>
  <div class="controls" data-role="controls"></div>
</div>`;

const FORMULAS = {
  regression: 'MSE d², MAE |d|, Huber ½d² for |d| ≤ δ else δ(|d| − ½δ); d = prediction − target',
  classification: 'BCE −[y log σ(z) + (1−y) log(1−σ(z))] vs MSE (σ(z) − y)², as functions of the logit z',
  categorical: 'CE = −Σ yⱼ log pⱼ = −log p[true class], p = softmax(z)',
  kl: 'KL(P‖Q) = Σ pⱼ log(pⱼ / qⱼ)',
};

const list = (values) => `[${Array.from(values, (v) => formatNumber(v, 3)).join(', ')}]`;

export class DescentLoss extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'neurons';

  constructor() {
    super(WIDGET_STYLES + LOSS_STYLES, TEMPLATE);
    this.run = null;
    this.selectedOutlier = 0;
    this.dragging = -1;
  }

  prepare() {
    this.schema = LOSS_SCHEMA;
    return '';
  }

  simulate(state) {
    const simulations = {
      regression: () => this.simulateRegression(state),
      classification: () => this.simulateClassification(state),
      categorical: () => this.simulateCategorical(state),
      kl: () => this.simulateKl(state),
    };
    const answer = simulations[state.view]();
    if (typeof answer === 'string') return answer;
    this.config = { ...state };
    this.run = { view: state.view, ...answer };
    return '';
  }

  simulateRegression(state) {
    const base = this.core.lineFitPoints({ count: state.points, seed: state.seed });
    if (!base.ok) return base.error;
    const outliers = state.outliers;
    const xs = Float64Array.from([...base.xs, ...outliers.map((p) => p[0])]);
    const ys = Float64Array.from([...base.ys, ...outliers.map((p) => p[1])]);
    const fitted = this.core.fitLines({ xs, ys, losses: REGRESSION_CURVES, huberDelta: state['huber-delta'] });
    if (!fitted.ok) return fitted.error;
    const curves = this.core.lossCurves({
      curves: REGRESSION_CURVES,
      huberDelta: state['huber-delta'],
      from: ERROR_RANGE[0],
      to: ERROR_RANGE[1],
      samples: CURVE_SAMPLES,
    });
    if (!curves.ok) return curves.error;
    return { base, outliers, fits: fitted.fits, curves, pointCount: base.xs.length };
  }

  simulateClassification(state) {
    const request = { curves: LOGIT_CURVES, target: state.target, focalGamma: state['focal-gamma'] };
    const curves = this.core.lossCurves({
      ...request,
      from: LOGIT_RANGE[0],
      to: LOGIT_RANGE[1],
      samples: CURVE_SAMPLES,
    });
    if (!curves.ok) return curves.error;
    // The probe: the same losses at exactly the chosen logit (first sample of a 2-sample range).
    const probe = this.core.lossCurves({ ...request, from: state.logit, to: state.logit + 1, samples: 2 });
    if (!probe.ok) return probe.error;
    return { curves, probe };
  }

  simulateCategorical(state) {
    const answer = this.core.categoricalCrossEntropy({ probabilities: state.probs, trueClass: state['true-class'] });
    return answer.ok ? { categorical: answer } : answer.error;
  }

  simulateKl(state) {
    const answer = this.core.klDivergence({ p: state.p, q: state.q });
    return answer.ok ? { kl: answer } : answer.error;
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      view: this.schemaControl('view', { options: VIEWS }),
      'huber-delta': this.schemaControl('huber-delta'),
      points: this.schemaControl('points'),
      seed: this.schemaControl('seed'),
      outliers: this.schemaControl('outliers'),
      target: this.schemaControl('target', {
        options: [
          { value: '1', label: 'y = 1' },
          { value: '0', label: 'y = 0' },
        ],
      }),
      logit: this.schemaControl('logit'),
      'focal-gamma': this.schemaControl('focal-gamma'),
      probs: this.schemaControl('probs'),
      'true-class': this.schemaControl('true-class'),
      p: this.schemaControl('p'),
      q: this.schemaControl('q'),
    };
    this.parts.controls.append(...Object.values(this.controls).map((control) => control.element));
    this.bindOutlierDragging(this.parts.plot);
  }

  syncControls() {
    if (!this.state) return;
    const shown = new Set(['view', ...VIEW_CONTROLS[this.state.view]]);
    for (const [name, control] of Object.entries(this.controls)) {
      control.element.hidden = !shown.has(name);
      const entry = this.schemaByName.get(name);
      control.setValue(entry.format ? entry.format(this.state[name]) : String(this.state[name]));
    }
  }

  // ---- outliers: pointer (mouse, touch, pen) and keyboard ----

  get outliers() {
    return this.state?.outliers ?? [];
  }

  setOutliers(points) {
    const clamp = (v, [low, high]) => Math.min(high, Math.max(low, v));
    this.applyControl(
      'outliers',
      OUTLIER_FORMAT(points.map(([x, y]) => [clamp(x, FIT_X_RANGE), clamp(y, FIT_Y_RANGE)])),
    );
  }

  bindOutlierDragging(canvas) {
    const worldAt = (event) => {
      const rect = canvas.getBoundingClientRect();
      return { px: event.clientX - rect.left, py: event.clientY - rect.top };
    };
    canvas.addEventListener('pointerdown', (event) => {
      if (this.run?.view !== 'regression' || !this.frame) return;
      const { px, py } = worldAt(event);
      const distances = this.outliers.map(([x, y]) =>
        Math.hypot(this.frame.toPixelX(x) - px, this.frame.toPixelY(y) - py),
      );
      const nearest = distances.indexOf(Math.min(...distances));
      if (nearest >= 0 && distances[nearest] <= GRAB_RADIUS_PX) {
        this.dragging = nearest;
        this.selectedOutlier = nearest;
        canvas.setPointerCapture(event.pointerId);
        event.preventDefault();
      }
    });
    canvas.addEventListener('pointermove', (event) => {
      if (this.dragging < 0 || !this.frame) return;
      const { px, py } = worldAt(event);
      const points = this.outliers.map((p) => [...p]);
      points[this.dragging] = this.frame.toWorld(px, py);
      this.setOutliers(points);
    });
    const stop = () => (this.dragging = -1);
    canvas.addEventListener('pointerup', stop);
    canvas.addEventListener('pointercancel', stop);
    canvas.addEventListener('keydown', (event) => {
      if (this.run?.view !== 'regression') return;
      const points = this.outliers.map((p) => [...p]);
      const step = event.shiftKey ? 0.05 : 0.25;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      const key = event.key.toLowerCase();
      if (moves[event.key] && points.length > 0) {
        const i = Math.min(this.selectedOutlier, points.length - 1);
        points[i] = [points[i][0] + moves[event.key][0], points[i][1] + moves[event.key][1]];
      } else if (key === 'n' && points.length > 0) {
        this.selectedOutlier = (this.selectedOutlier + 1) % points.length;
        this.render();
        return;
      } else if (key === 'a' && points.length < MAX_OUTLIERS) {
        points.push([0, -5]);
        this.selectedOutlier = points.length - 1;
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && points.length > 0) {
        points.splice(Math.min(this.selectedOutlier, points.length - 1), 1);
        this.selectedOutlier = 0;
      } else {
        return;
      }
      event.preventDefault();
      this.setOutliers(points);
    });
  }

  // ---- drawing ----

  render() {
    if (!this.run) return;
    const view = this.run.view;
    this.parts.plot.parentElement.className = `widget view-${view}`;
    this.parts.formula.textContent = FORMULAS[view];
    const width = this.parts.plot.clientWidth || 600;
    const plotHeight = Math.round(Math.min(360, Math.max(220, width * 0.55)));
    const plot = prepareCanvas(this.parts.plot, width, plotHeight);
    const chartShown = view === 'regression' || view === 'classification';
    this.parts['chart-block'].hidden = !chartShown;
    const chart = chartShown ? prepareCanvas(this.parts.chart, width, Math.round(plotHeight * 0.8)) : null;
    const renderers = {
      regression: () => this.renderRegression(plot, chart, width, plotHeight),
      classification: () => this.renderClassification(plot, chart, width, plotHeight),
      categorical: () => this.renderCategorical(plot, width, plotHeight),
      kl: () => this.renderKl(plot, width, plotHeight),
    };
    renderers[view]();
  }

  renderRegression(plot, chart, width, height) {
    const { base, outliers, fits, curves, pointCount } = this.run;
    this.selectedOutlier = Math.min(this.selectedOutlier, Math.max(0, outliers.length - 1));
    this.parts['plot-caption'].textContent = 'A line fitted under each loss (drag the red outliers)';
    this.parts.plot.setAttribute(
      'aria-label',
      'Points with outliers and the line each loss fits; arrow keys move the selected outlier, N selects the next, A adds one, Delete removes it',
    );
    this.frame = drawLineFit(plot, width, height, {
      xs: base.xs,
      ys: base.ys,
      outliers,
      selected: this.selectedOutlier,
      fits,
      box: FIT_BOX,
    });
    this.parts['chart-caption'].textContent =
      'Loss of one sample as a function of its error d (δ marks Huber’s switch)';
    this.parts.chart.setAttribute('aria-label', 'MSE, MAE and Huber loss as functions of the error');
    drawCurves(chart, width, Math.round(height * 0.8), {
      input: curves.input,
      series: REGRESSION_CURVES.map((name) => ({ name, values: curves.curves[name].value })),
      probeX: this.state['huber-delta'] <= ERROR_RANGE[1] ? this.state['huber-delta'] : null,
      yRange: [0, 8],
      xLabel: 'error d = prediction − target',
      yLabel: 'loss',
    });
    this.parts.readout.textContent = fits
      .map(
        (fit) =>
          `${LOSS_LABELS[fit.loss]} line: y = ${formatNumber(fit.slope, 2)}x + ${formatNumber(fit.intercept, 2)}`,
      )
      .join(' | ');
    if (outliers.length === 0) {
      this.parts.status.textContent =
        'No outliers: the three lines agree. Press A on the plot or type an outlier to add one.';
      return;
    }
    // Each outlier's share of ∂L/∂prediction: how hard it pulls the line under each loss.
    const pulls = fits.map(
      (fit) => `${LOSS_LABELS[fit.loss]} ${formatNumber(fit.gradients[pointCount + this.selectedOutlier], 3)}`,
    );
    this.parts.status.textContent = `Pull of outlier ${this.selectedOutlier + 1} (∂L/∂prediction): ${pulls.join(', ')}`;
  }

  renderClassification(plot, chart, width, height) {
    const { curves, probe } = this.run;
    const target = this.state.target;
    const series = (key) =>
      LOGIT_CURVES.map((name) => ({
        name,
        label: name === 'focal' ? `focal γ=${this.state['focal-gamma']}` : undefined,
        values: curves.curves[name][key],
      }));
    this.parts['plot-caption'].textContent =
      `Loss for true label y = ${target} as a function of the logit z (dashed: the probe)`;
    this.parts.plot.setAttribute('aria-label', 'BCE, MSE on a sigmoid, focal and hinge loss as functions of the logit');
    drawCurves(plot, width, height, {
      input: curves.input,
      series: series('value'),
      probeX: this.state.logit,
      yRange: [0, 6],
      xLabel: 'logit z',
      yLabel: 'loss',
    });
    this.parts['chart-caption'].textContent = 'Gradient ∂loss/∂z: what the logit is pushed by';
    this.parts.chart.setAttribute('aria-label', 'The gradient of each loss with respect to the logit');
    drawCurves(chart, width, Math.round(height * 0.8), {
      input: curves.input,
      series: series('gradient'),
      probeX: this.state.logit,
      xLabel: 'logit z',
      yLabel: '∂loss/∂z',
    });
    const at = (name, key) => probe.curves[name][key][0];
    this.parts.readout.textContent =
      `z = ${formatNumber(this.state.logit, 2)}, y = ${target}: ` +
      LOGIT_CURVES.map(
        (name) =>
          `${LOSS_LABELS[name]} ${formatNumber(at(name, 'value'), 3)} (∂/∂z ${formatNumber(at(name, 'gradient'), 3)})`,
      ).join(' | ');
    const bce = Math.abs(at('bce', 'gradient'));
    const mse = Math.abs(at('mse_sigmoid', 'gradient'));
    const wrong = (target === 1 && this.state.logit < 0) || (target === 0 && this.state.logit > 0);
    this.parts.status.className = 'status';
    if (wrong && mse < bce / 10)
      this.parts.status.textContent = `Confidently wrong: MSE on σ(z) pushes with only ${formatNumber(mse, 3)}, ${Number((bce / mse).toPrecision(3))}× weaker than BCE's ${formatNumber(bce, 3)} — the sigmoid's flat tail vanishes the gradient.`;
    else if (wrong)
      this.parts.status.textContent = `Wrong side: BCE pushes with ${formatNumber(bce, 3)}, MSE on σ(z) with ${formatNumber(mse, 3)}.`;
    else
      this.parts.status.textContent = `Right side: every loss is small and falling; BCE pushes with ${formatNumber(bce, 3)}.`;
  }

  renderCategorical(plot, width, height) {
    const { probabilities, logitGradient, loss } = this.run.categorical;
    const trueClass = this.state['true-class'];
    this.parts['plot-caption'].textContent = 'Softmax output p (blue) and the gradient p − one-hot on the logits (red)';
    this.parts.plot.setAttribute(
      'aria-label',
      'Bars of the softmax probabilities and the cross-entropy gradient for each class',
    );
    const groups = Array.from(probabilities, (p, k) => ({
      label: k === trueClass ? `class ${k} ✓` : `class ${k}`,
      bars: [
        { value: p, color: LOSS_COLORS.mae },
        { value: logitGradient[k], color: LOSS_COLORS.mse },
      ],
    }));
    drawBars(plot, width, height, {
      groups,
      highlight: trueClass,
      yLabel: 'p and ∂L/∂z',
      legendEntries: [
        { label: 'p = softmax(z)', color: LOSS_COLORS.mae },
        { label: '∂L/∂z = p − y', color: LOSS_COLORS.mse },
      ],
    });
    this.parts.readout.textContent = `p = ${list(probabilities)}, class ${trueClass}: CE = −log ${formatNumber(probabilities[trueClass], 3)} = ${formatNumber(loss, 3)} | ∂L/∂z = ${list(logitGradient)}`;
    this.parts.status.textContent =
      probabilities[trueClass] < 1 / probabilities.length
        ? 'The true class gets less than an even share: a large loss.'
        : 'Only the true class’s probability enters the loss; the gradient pushes every logit.';
  }

  renderKl(plot, width, height) {
    const { p, q, klPQ, klQP } = this.run.kl;
    this.parts['plot-caption'].textContent = 'The two distributions, entry by entry';
    this.parts.plot.setAttribute('aria-label', 'Bars of the distributions P and Q');
    const groups = Array.from(p, (value, k) => ({
      label: `${k}`,
      bars: [
        { value, color: LOSS_COLORS.mae },
        { value: q[k], color: LOSS_COLORS.focal },
      ],
    }));
    drawBars(plot, width, height, {
      groups,
      yLabel: 'probability',
      legendEntries: [
        { label: 'P', color: LOSS_COLORS.mae },
        { label: 'Q', color: LOSS_COLORS.focal },
      ],
    });
    const show = (v) => (Number.isFinite(v) ? formatNumber(v, 3) : '∞');
    this.parts.readout.textContent = `KL(P‖Q) = ${show(klPQ)}, KL(Q‖P) = ${show(klQP)}`;
    if (!Number.isFinite(klPQ) || !Number.isFinite(klQP))
      this.parts.status.textContent = 'Infinite: one distribution puts mass where the other has none.';
    else if (Math.abs(klPQ - klQP) < 1e-9)
      this.parts.status.textContent =
        'Equal here — but only by coincidence (or P = Q): KL is not symmetric in general.';
    else
      this.parts.status.textContent = `Not symmetric: the two directions differ by ${formatNumber(Math.abs(klPQ - klQP), 3)}.`;
  }
}
