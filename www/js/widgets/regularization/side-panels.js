// <descent-regularization>'s side panels, computed only while open, after the main run, one
// frame later: the L1-vs-L2 weight histograms (compareWeightPenalties) and the bias–variance
// picture (runBiasVariance). Methods of DescentRegularization (installed on its prototype by
// element.js).
import { formatNumber, formatSetting } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawHistogram } from '../../ui/histogram.js';
import { TRAIN_COLOR, drawBiasVariance } from './plot.js';
import { l2LambdaOf } from './state.js';

const HISTOGRAM_BINS = 41; // odd: exact zeros sit in the middle bin
export const BIAS_VARIANCE_SETS = 8;

export const SIDE_PANELS = {
  schedulePanels() {
    for (const [name, compute] of [
      ['weights-panel', () => this.renderWeightsPanel()],
      ['bias-variance-panel', () => this.renderBiasVariancePanel()],
    ]) {
      if (!this.parts[name].open || !this.run) continue;
      const key = JSON.stringify(this.config);
      if (this.parts[name].dataset.key === key) continue;
      this.parts[name].dataset.key = key;
      clearTimeout(this.panelTimers[name]);
      this.parts[name].querySelector('.panel-note').textContent = 'Training…';
      // Let the note paint before the core call blocks the page for a moment.
      this.panelTimers[name] = setTimeout(compute, 30);
    }
  },

  // The same setup trained twice, once with only L1 (λ₁ from the L1 slider) and once with only
  // weight decay (λ from its slider), dropout and early stopping off.
  renderWeightsPanel() {
    const { state } = this;
    const request = {
      ...this.config,
      l1Strength: state['l1-lambda'],
      l2Strength: l2LambdaOf(state, this.regularizationCatalog),
      bins: HISTOGRAM_BINS,
    };
    const comparison = this.core.compareWeightPenalties(request);
    const note = this.parts['weights-text'];
    if (!comparison.ok) {
      note.textContent = comparison.error;
      return;
    }
    const yMax = Math.max(...comparison.l1.counts, ...comparison.l2.counts);
    const decay = state.optimizer === 'adamw' ? 'AdamW weight decay' : 'L2';
    for (const [side, color, name] of [
      ['l1', '#7048e8', 'L1'],
      ['l2', TRAIN_COLOR, decay],
    ]) {
      const run = comparison[side];
      const canvas = this.parts[`${side}-histogram`];
      const width = canvas.clientWidth || 300;
      const height = Math.round(Math.min(200, Math.max(150, width * 0.55)));
      const context = prepareCanvas(canvas, width, height);
      drawHistogram(context, width, height, {
        counts: run.counts,
        limit: comparison.limit,
        color,
        yMax,
        highlightBin: (HISTOGRAM_BINS - 1) / 2,
        xLabel: 'weight value',
      });
      const caption = `${name}, λ = ${formatSetting(run.strength)}: ${run.exactZeros} of ${run.total} weights exactly 0; final validation ${formatNumber(run.finalValidationLoss, 4)}`;
      this.parts[`${side}-caption`].textContent = caption;
      canvas.setAttribute('aria-label', `Histogram of the weights with ${caption}`);
    }
    note.textContent = `The same network trained twice for ${this.config.epochs} epochs, once with only L1 and once with only ${decay}. Red bar: the bin around 0. L1 set ${comparison.l1.exactZeros} weights to exactly 0; ${decay} set ${comparison.l2.exactZeros}.`;
  },

  // The current settings trained on 8 training sets, for the one-unit model and for the
  // current capacity (or the high preset when the current one is low).
  renderBiasVariancePanel() {
    const complexCapacity = this.config.capacity === 'low' ? 'high' : this.config.capacity;
    const started = performance.now();
    const result = this.core.runBiasVariance({
      ...this.config,
      sets: BIAS_VARIANCE_SETS,
      simpleCapacity: 'low',
      complexCapacity,
    });
    const note = this.parts['bias-variance-text'];
    if (!result.ok) {
      note.textContent = result.error;
      return;
    }
    const seconds = (performance.now() - started) / 1000;
    for (const [side, model, color] of [
      ['simple', result.simple, '#2f7d32'],
      ['complex', result.complex, '#c92a2a'],
    ]) {
      const canvas = this.parts[`${side}-fits`];
      const width = canvas.clientWidth || 300;
      const height = Math.round(Math.min(220, Math.max(160, width * 0.6)));
      const context = prepareCanvas(canvas, width, height);
      drawBiasVariance(context, width, height, {
        curveX: result.curveX,
        trueCurve: result.trueCurve,
        model,
        sets: result.sets,
        color,
      });
      const label = this.capacityLabels[model.capacity];
      const caption = `${label}: bias² ${formatNumber(model.biasSquared, 4)}, variance ${formatNumber(model.variance, 4)}${model.divergedRuns ? ` (${model.divergedRuns} runs diverged)` : ''}`;
      this.parts[`${side}-caption`].textContent = caption;
      canvas.setAttribute('aria-label', `${result.sets} fits of the ${caption}`);
    }
    note.textContent = `Each thin line: the model trained on another draw of ${this.config.trainPoints} noisy points (same settings, same initial weights). Thick line: their average. Bias² — how far the average is from the dashed true curve; variance — how far the fits scatter around their average (${BIAS_VARIANCE_SETS * 2} trainings in ${seconds.toFixed(2)} s).`;
  },
};
