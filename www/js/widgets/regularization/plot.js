// Draws <descent-regularization>'s pictures from the core's numbers: the data with
// the fitted function at one epoch, the training curves ("scissors") with the
// three phases and the best epoch, and the bias–variance overlays.
import { seriesInk, themeOf, withAlpha } from '../../ui/palette.js';
import { PlotFrame } from '../../ui/plot-frame.js';

export const TRAIN_COLOR = '#2b6cb0';
export const VALIDATION_COLOR = '#e8590c';
export const TRUE_COLOR = '#2f9e44';
const PHASE_COLORS = {
  learning: 'rgba(43,108,176,0.07)',
  sweet: 'rgba(47,158,68,0.16)',
  overfitting: 'rgba(201,42,42,0.09)',
};
const Y_RANGE = { yMin: -2, yMax: 2 }; // sin(2πx) ± noise; a wild fit leaves through the edges

export function fitHeight(width) {
  return Math.round(Math.min(320, Math.max(200, width * 0.45)));
}

export function chartHeight(width) {
  return Math.round(Math.min(240, Math.max(170, width * 0.32)));
}

function polyline(context, frame, xs, ys, { color, width = 2, dash = [] }) {
  frame.tracePath(context, xs, ys);
  context.setLineDash(dash);
  context.strokeStyle = seriesInk(color, themeOf(context));
  context.lineWidth = width;
  context.stroke();
  context.setLineDash([]);
}

function points(context, frame, xs, ys, { color, hollow }) {
  color = seriesInk(color, themeOf(context));
  for (let i = 0; i < xs.length; i++) {
    context.beginPath();
    context.arc(frame.toPixelX(xs[i]), frame.toPixelY(ys[i]), 4, 0, Math.PI * 2);
    if (hollow) {
      context.strokeStyle = color;
      context.lineWidth = 1.5;
      context.stroke();
    } else {
      context.fillStyle = color;
      context.fill();
    }
  }
}

// The curve of `epoch` (row of result.curves).
export function curveAt(result, epoch) {
  const n = result.curvePoints;
  return result.curves.subarray(epoch * n, (epoch + 1) * n);
}

// Training points (filled), validation points (hollow), the noiseless sine (dashed)
// and the network's fit after `epoch` epochs.
export function drawFit(context, width, height, { result, epoch }) {
  const frame = new PlotFrame(
    { xMin: 0, xMax: 1, ...Y_RANGE },
    { left: 40, top: 8, width: Math.max(10, width - 50), height: Math.max(10, height - 42) },
  );
  frame.drawAxes(context, { xLabel: 'x', yLabel: 'y' });
  context.save();
  frame.clip(context);
  polyline(context, frame, result.curveX, result.trueCurve, { color: TRUE_COLOR, width: 1.5, dash: [6, 5] });
  points(context, frame, result.validationX, result.validationY, { color: VALIDATION_COLOR, hollow: true });
  points(context, frame, result.trainX, result.trainY, { color: TRAIN_COLOR });
  polyline(context, frame, result.curveX, curveAt(result, epoch), { color: themeOf(context).text, width: 2.5 });
  context.restore();
  return frame;
}

// The three phases as bands: learning up to the sweet spot, the sweet spot (validation
// within 10% of its best, as the core measures it), overfitting after it.
function phaseBands(result) {
  const last = result.epochsCompleted;
  const bands = [];
  if (result.sweetSpotFirst > 0)
    bands.push({ from: 0, to: result.sweetSpotFirst, kind: 'learning', label: 'learning' });
  bands.push({ from: result.sweetSpotFirst, to: result.sweetSpotLast, kind: 'sweet', label: 'sweet spot' });
  if (result.sweetSpotLast < last)
    bands.push({ from: result.sweetSpotLast, to: last, kind: 'overfitting', label: 'overfitting' });
  return bands;
}

// Train and validation loss per epoch, the phases, the best epoch (always marked) and
// the epoch shown. Returns the frame (for mapping a click to an epoch).
export function drawScissors(context, width, height, { result, epoch, finished }) {
  const last = Math.max(1, result.epochs);
  // A fresh network's first epochs can sit far above the rest: the axis spans the losses
  // after the first tenth of the run (×1.3), so the scissors stay readable; earlier
  // peaks leave the chart through the top.
  const count = result.trainLoss.length;
  const from = Math.min(count - 1, Math.max(5, Math.floor(0.1 * last)));
  let yMax = 0;
  let yAll = 0;
  for (let e = 0; e < count; e++) {
    const higher = Math.max(result.trainLoss[e], result.validationLoss[e]);
    if (Number.isFinite(higher)) yAll = Math.max(yAll, higher);
    if (e >= from && Number.isFinite(higher)) yMax = Math.max(yMax, higher);
  }
  yMax = Math.min(yAll, 1.3 * yMax) || yAll || 1;
  const frame = new PlotFrame(
    { xMin: 0, xMax: last, yMin: 0, yMax: yMax * 1.05 },
    { left: 52, top: 20, width: Math.max(10, width - 62), height: Math.max(10, height - 56) },
  );
  context.save();
  if (finished) {
    context.font = '11px system-ui, sans-serif';
    context.textBaseline = 'top';
    for (const band of phaseBands(result)) {
      const x0 = frame.toPixelX(band.from);
      const x1 = frame.toPixelX(band.to);
      context.fillStyle = PHASE_COLORS[band.kind];
      context.fillRect(x0, frame.area.top, Math.max(2, x1 - x0), frame.area.height);
      context.fillStyle = themeOf(context).secondary;
      const text = band.label;
      if (context.measureText(text).width < x1 - x0 - 4) context.fillText(text, x0 + 3, 4);
    }
  }
  context.restore();
  frame.drawAxes(context, { xLabel: 'epoch', yLabel: 'loss (mse)' });
  context.save();
  frame.clip(context);
  const epochs = Array.from({ length: result.trainLoss.length }, (_, e) => e);
  polyline(context, frame, epochs, result.trainLoss, { color: TRAIN_COLOR, width: 2.5 });
  polyline(context, frame, epochs, result.validationLoss, { color: VALIDATION_COLOR, width: 2.5 });
  // The best validation epoch, always marked: the reference every verdict is read against.
  const bestX = frame.toPixelX(result.bestEpoch);
  context.setLineDash([4, 3]);
  const theme = themeOf(context);
  context.strokeStyle = withAlpha(theme.ok, 0.95);
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(bestX, frame.area.top);
  context.lineTo(bestX, frame.area.top + frame.area.height);
  context.stroke();
  context.setLineDash([]);
  context.fillStyle = theme.ok;
  context.beginPath();
  context.arc(bestX, frame.toPixelY(result.bestValidationLoss), 5, 0, Math.PI * 2);
  context.fill();
  // The epoch shown (the scrubber).
  const shownX = frame.toPixelX(epoch);
  context.strokeStyle = withAlpha(theme.text, 0.55);
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(shownX, frame.area.top);
  context.lineTo(shownX, frame.area.top + frame.area.height);
  context.stroke();
  for (const [values, color] of [
    [result.trainLoss, TRAIN_COLOR],
    [result.validationLoss, VALIDATION_COLOR],
  ]) {
    context.fillStyle = seriesInk(color, theme);
    context.beginPath();
    context.arc(shownX, frame.toPixelY(values[epoch]), 4, 0, Math.PI * 2);
    context.fill();
  }
  context.restore();
  return frame;
}

// One model's fits on several training sets (thin), their mean (thick) and the sine.
export function drawBiasVariance(context, width, height, { curveX, trueCurve, model, sets, color }) {
  const frame = new PlotFrame(
    { xMin: 0, xMax: 1, ...Y_RANGE },
    { left: 40, top: 8, width: Math.max(10, width - 50), height: Math.max(10, height - 42) },
  );
  frame.drawAxes(context, { xLabel: 'x', yLabel: 'fit' });
  context.save();
  frame.clip(context);
  const n = curveX.length;
  for (let s = 0; s < sets; s++) {
    polyline(context, frame, curveX, model.curves.subarray(s * n, (s + 1) * n), { color: `${color}66`, width: 1.2 });
  }
  polyline(context, frame, curveX, trueCurve, { color: TRUE_COLOR, width: 1.5, dash: [6, 5] });
  polyline(context, frame, curveX, model.meanCurve, { color, width: 3 });
  context.restore();
  return frame;
}
