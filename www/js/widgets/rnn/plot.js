// Charts of <descent-rnn>, from the core's numbers: the training loss per step (log scale) with the
// task's baseline as a reference line, the gradient norm per step with the clipping threshold, and ‖∂L/∂h_t‖ of one test sequence against t (log scale),
// the steps the truncation cuts off shaded. Pure functions of a canvas and results.
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { OKABE_ITO, themeOf, withAlpha } from '../../ui/palette.js';

export const LOSS_COLOR = OKABE_ITO.blue;
export const GRADIENT_COLOR = OKABE_ITO.vermillion;
export const NORM_COLOR = OKABE_ITO.reddishPurple;
const CHART_HEIGHT = 180;

function emptyMessage(context, width, message) {
  const theme = themeOf(context);
  context.fillStyle = theme.muted;
  context.font = '13px system-ui, sans-serif';
  const lines = context.measureText(message).width <= width - 24 ? [message] : message.split(/(?<=:) /);
  lines.forEach((line, k) => context.fillText(line, 12, CHART_HEIGHT / 2 + (k - (lines.length - 1) / 2) * 18));
}

// A dashed horizontal line at `value` (in the chart's units, log scale) with its label.
function referenceLine(context, frame, value, label) {
  const theme = themeOf(context);
  const y = frame.toPixelY(Math.log10(value));
  const { area } = frame;
  if (!(y >= area.top && y <= area.top + area.height)) return;
  context.save();
  context.strokeStyle = theme.secondary;
  context.setLineDash([6, 4]);
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(area.left, y);
  context.lineTo(area.left + area.width, y);
  context.stroke();
  context.setLineDash([]);
  context.fillStyle = theme.secondary;
  context.font = '12px system-ui, sans-serif';
  context.textAlign = 'right';
  context.textBaseline = 'bottom';
  context.fillText(label, area.left + area.width - 4, y - 3);
  context.restore();
}

// norms: ‖∂L/∂θ‖ of every training step so far, before clipping; clip: the threshold (0: none),
// drawn as a reference line — steps above it were scaled down to it.
export function drawNormChart(canvas, width, norms, { clip = 0 } = {}) {
  const context = prepareCanvas(canvas, width, CHART_HEIGHT);
  if (norms.length === 0) {
    emptyMessage(context, width, 'No step trained yet: press Play or Step.');
    return null;
  }
  const frame = drawLineChart(context, width, CHART_HEIGHT, {
    values: norms,
    color: NORM_COLOR,
    currentIndex: norms.length - 1,
    logScale: true,
    xLabel: 'step',
    xTickLabel: (x) => (Number.isInteger(x) ? String(x + 1) : ''),
    yLabel: '‖∂L/∂θ‖',
  });
  if (frame && clip > 0) referenceLine(context, frame, clip, `clipped to ${clip}`);
  return frame;
}

// losses: the training loss of every step so far (index k is step k + 1); baseline: {value, label}
// or null (drawn when the loss is on the baseline's scale: an MSE task).
export function drawLossChart(canvas, width, losses, { baseline = null, yLabel = 'loss' } = {}) {
  const context = prepareCanvas(canvas, width, CHART_HEIGHT);
  if (losses.length === 0) {
    emptyMessage(context, width, 'No step trained yet: press Play or Step.');
    return null;
  }
  const frame = drawLineChart(context, width, CHART_HEIGHT, {
    values: losses,
    color: LOSS_COLOR,
    currentIndex: losses.length - 1,
    logScale: true,
    xLabel: 'step',
    xTickLabel: (x) => (Number.isInteger(x) ? String(x + 1) : ''),
    yLabel,
  });
  if (frame && baseline) referenceLine(context, frame, baseline.value, baseline.label);
  return frame;
}

// norms: ‖∂L/∂h_t‖ for t = 0 … T − 1; a 0 (a step the truncation cuts off, or no loss reaching it)
// is no point on a log axis: those steps are shaded instead. selected: the step marked.
export function drawGradientChart(canvas, width, norms, { selected = null } = {}) {
  const context = prepareCanvas(canvas, width, CHART_HEIGHT);
  if (!norms || norms.length === 0) {
    emptyMessage(context, width, 'No sequence inspected yet.');
    return null;
  }
  const shown = Array.from(norms, (v) => (v > 0 ? v : NaN));
  const frame = drawLineChart(context, width, CHART_HEIGHT, {
    values: shown,
    color: GRADIENT_COLOR,
    currentIndex: selected ?? norms.length - 1,
    logScale: true,
    xLabel: 'step t',
    yLabel: '‖∂L/∂h_t‖',
  });
  if (!frame) return null;
  const theme = themeOf(context);
  const { area } = frame;
  const half = norms.length > 1 ? (frame.toPixelX(1) - frame.toPixelX(0)) / 2 : area.width / 2;
  context.save();
  context.fillStyle = withAlpha(theme.neutral, 0.25);
  let zeros = 0;
  norms.forEach((v, t) => {
    if (v > 0) return;
    zeros += 1;
    const x = Math.max(area.left, frame.toPixelX(t) - half);
    const right = Math.min(area.left + area.width, frame.toPixelX(t) + half);
    context.fillRect(x, area.top, right - x, area.height);
  });
  if (zeros > 0) {
    context.fillStyle = theme.muted;
    context.font = '12px system-ui, sans-serif';
    context.fillText(`0 at ${zeros} step${zeros === 1 ? '' : 's'} (shaded)`, area.left + 6, area.top + 14);
  }
  context.restore();
  return frame;
}
