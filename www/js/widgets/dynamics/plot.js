// Draws <descent-dynamics>'s views of one recorded entry: the gradient norm of
// every layer on a log axis with the healthy band, and the activation
// distribution of every hidden layer as a column of shaded bins.
import { drawLogBarChart } from '../../ui/log-bar-chart.js';
import { PlotFrame } from '../../ui/plot-frame.js';
import { formatNumber } from '../../ui/format.js';
import { themeOf, withAlpha } from '../../ui/palette.js';

export const LOSS_COLOR = '#ff6b35';
const BAND_COLOR = 'rgba(47,158,68,0.13)';
const BELOW_BAND_COLOR = '#8fa3bf';

export function barsHeight(width) {
  return Math.round(Math.min(300, Math.max(200, width * 0.42)));
}

export function stripsHeight(width) {
  return Math.round(Math.min(240, Math.max(170, width * 0.32)));
}

// The healthy band of sims/dynamics/verdict.hpp for one entry: from a fiftieth of the strongest
// layer's norm (or the vanishing floor, relative to the loss, when that is higher) up to the
// exploding limit.
export function healthyBand(norms, loss, thresholds) {
  const finite = Array.from(norms).filter(Number.isFinite);
  const strongest = finite.length ? Math.max(...finite) : 0;
  const floor = loss > thresholds.fittedLoss ? thresholds.vanishingGradientPerLoss * loss : 0;
  const low = Math.max(floor, thresholds.fadingRatio * strongest, 1e-30);
  return { low: Math.min(low, thresholds.explodingNorm / 10), high: thresholds.explodingNorm };
}

export function drawGradientBars(context, width, height, { entry, thresholds }) {
  const norms = entry.gradientNorms;
  const band = healthyBand(norms, entry.loss, thresholds);
  const depth = norms.length;
  const every = depth <= 12 ? 1 : depth <= 20 ? 2 : 5;
  const theme = themeOf(context);
  return drawLogBarChart(context, width, height, {
    values: norms,
    band: { ...band, color: BAND_COLOR, label: 'healthy band' },
    barColor: (value) => (value > band.high ? theme.danger : value < band.low ? BELOW_BAND_COLOR : theme.accent),
    label: (i) => (i === 0 || i === depth - 1 || (i + 1) % every === 0 ? String(i + 1) : ''),
    xLabel: 'layer (1 = next to the input, last = output)',
    yLabel: '‖∂L/∂W‖',
    highlight: 0,
  });
}

// Hidden layer l is column l; its bins run bottom (histogramLow) to top (histogramHigh); darker
// means more of the layer's activations in that bin (square-root scale, so a few stand out).
export function drawActivationStrips(context, width, height, { entry, bins, activation }) {
  const layers = entry.meanLocalDerivative.length;
  const area = { left: 52, top: 8, width: Math.max(10, width - 64), height: Math.max(10, height - 48) };
  const low = entry.histogramLow;
  const high = entry.histogramHigh;
  const theme = themeOf(context);
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    context.fillStyle = theme.danger;
    context.font = '13px system-ui, sans-serif';
    context.fillText('The weights overflowed:', area.left, area.top + 20);
    context.fillText('no activations to show at this step.', area.left, area.top + 40);
    return null;
  }
  const frame = new PlotFrame({ xMin: -0.5, xMax: layers - 0.5, yMin: low, yMax: high }, area);
  // Layers get their own labels: an axes frame with an empty x range draws no x ticks.
  new PlotFrame({ xMin: 0, xMax: 0, yMin: low, yMax: high }, area).drawAxes(context, {
    yLabel: `${activation}(z)`,
    grid: false,
  });
  const every = layers <= 12 ? 1 : layers <= 20 ? 2 : 5;
  context.save();
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = theme.muted;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (let l = 0; l < layers; l++) {
    if (l === 0 || l === layers - 1 || (l + 1) % every === 0)
      context.fillText(String(l + 1), frame.toPixelX(l), area.top + area.height + 4);
  }
  context.textBaseline = 'bottom';
  context.fillText('hidden layer', area.left + area.width / 2, area.top + area.height + 34);
  const column = area.width / layers;
  const cellHeight = area.height / bins;
  for (let l = 0; l < layers; l++) {
    const x = area.left + l * column + column * 0.1;
    for (let b = 0; b < bins; b++) {
      const fraction = entry.histograms[l * bins + b];
      if (!(fraction > 0)) continue;
      context.fillStyle = withAlpha(theme.accent, Math.min(1, 0.08 + Math.sqrt(fraction) * 1.1).toFixed(3));
      context.fillRect(x, area.top + area.height - (b + 1) * cellHeight, column * 0.8, Math.max(1, cellHeight - 0.5));
    }
    if (entry.nonFiniteFraction[l] > 0) {
      context.fillStyle = theme.danger;
      context.fillText('NaN', frame.toPixelX(l), area.top + 12);
    }
  }
  context.restore();
  return frame;
}

// One line per view for screen readers and the readout: the first and last hidden layer.
export function describeActivations(entry, activation) {
  const layers = entry.meanLocalDerivative.length;
  if (layers === 0) return '';
  const last = layers - 1;
  const percent = (v) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : 'NaN');
  const derivative = (v) => (Number.isFinite(v) ? formatNumber(v, 3) : 'NaN');
  const deadOrSaturated =
    activation === 'relu' || activation === 'leaky_relu' ? 'inactive (f′ ≈ 0)' : 'saturated (f′ < 10 % of its peak)';
  return (
    `mean f′(z): layer 1 ${derivative(entry.meanLocalDerivative[0])}, layer ${last + 1} ${derivative(entry.meanLocalDerivative[last])}` +
    ` · ${deadOrSaturated}: ${percent(entry.saturatedFraction[0])} → ${percent(entry.saturatedFraction[last])}` +
    ` · dead units in layer ${last + 1}: ${percent(entry.deadUnitFraction[last])}`
  );
}
