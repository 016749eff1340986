// A per-step line chart (loss vs step) of one or several series, with optional
// log scale and a marker at the current step. Values that cannot be shown on a
// log axis (≤ 0) are floored; non-finite values (a diverged run) end a line.
import { seriesInk, themeOf, withAlpha } from './palette.js';
import { PlotFrame, niceTicks } from './plot-frame.js';
import { columnEnvelope, fillDenseCurve, strokePolyline } from './polyline.js';

const LOG_FLOOR = 1e-16;
const PIXEL_LIMIT = 1e5;

// Either one series — {values, color} — or several — series: [{values, color, label?}].
// Series may differ in length (a diverged run stops early); the step axis spans the longest.
// xTickLabel(index): the words under a tick of the step axis (default: the index).
// yCeiling / yFloor (in the same units as values): the axis spans at most this far, so
// one exploding series does not flatten the others (its line leaves the chart instead).
export function drawLineChart(
  context,
  width,
  height,
  {
    values,
    color,
    series,
    currentIndex,
    logScale,
    xLabel,
    yLabel,
    xTickLabel,
    yCeiling = Infinity,
    yFloor = -Infinity,
  },
) {
  const theme = themeOf(context);
  const allSeries = (series ?? [{ values, color }]).map((s) => ({ ...s, color: seriesInk(s.color, theme) }));
  const area = { left: 52, top: 10, width: Math.max(10, width - 64), height: Math.max(10, height - 48) };
  const transform = logScale ? (v) => Math.log10(Math.max(v, LOG_FLOOR)) : (v) => v;
  const shownSeries = allSeries.map((s) => ({
    ...s,
    shown: Array.from(s.values, (v) => (Number.isFinite(v) ? transform(v) : NaN)),
  }));
  const length = Math.max(0, ...allSeries.map((s) => s.values.length));
  if (length === 0) return null;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const { shown } of shownSeries) {
    for (const v of shown) {
      if (!Number.isFinite(v)) continue;
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    }
  }
  if (!Number.isFinite(yMin)) {
    yMin = 0;
    yMax = 1;
  }
  const ceiling = Number.isFinite(yCeiling) ? transform(yCeiling) : Infinity;
  const floor = Number.isFinite(yFloor) ? transform(yFloor) : -Infinity;
  if (yMax > ceiling && ceiling > yMin) yMax = ceiling;
  if (yMin < floor && floor < yMax) yMin = floor;
  if (yMax - yMin < 1e-12) {
    yMin -= 1;
    yMax += 1;
  }
  const pad = (yMax - yMin) * 0.05;
  const frame = new PlotFrame({ xMin: 0, xMax: Math.max(1, length - 1), yMin: yMin - pad, yMax: yMax + pad }, area);
  frame.drawAxes(context, { xLabel, yLabel, xTickLabel, ...(logScale ? logTicks(frame) : {}) });

  context.save();
  frame.clip(context);
  context.lineJoin = 'round';
  const several = shownSeries.length > 1;
  context.lineCap = 'round';
  const trace = (shown, to, style, lineWidth) => {
    const pixels = columnEnvelope(Math.min(to, shown.length - 1), (i) =>
      Number.isFinite(shown[i])
        ? [frame.toPixelX(i), Math.max(-PIXEL_LIMIT, Math.min(PIXEL_LIMIT, frame.toPixelY(shown[i])))]
        : null,
    );
    context.strokeStyle = style;
    context.lineWidth = lineWidth;
    if (!fillDenseCurve(context, pixels, lineWidth)) strokePolyline(context, pixels);
  };
  // The whole run faintly, then the part up to the current step in colour.
  for (const { shown } of shownSeries) trace(shown, shown.length - 1, withAlpha(theme.neutral, 0.4), 1.5);
  for (const { shown, color: lineColor } of shownSeries) {
    // Several series: a dark edge sets each line off the others where they cross.
    if (several) trace(shown, currentIndex, withAlpha(theme.edge, 0.55), 4);
    trace(shown, currentIndex, lineColor, 2.5);
  }
  if (several) {
    context.strokeStyle = withAlpha(theme.text, 0.35);
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(frame.toPixelX(currentIndex), area.top);
    context.lineTo(frame.toPixelX(currentIndex), area.top + area.height);
    context.stroke();
  }
  for (const { shown, color: dotColor } of shownSeries) {
    const index = Math.min(currentIndex, shown.length - 1);
    if (!Number.isFinite(shown[index])) continue;
    context.fillStyle = dotColor;
    context.beginPath();
    context.arc(frame.toPixelX(index), frame.toPixelY(shown[index]), 4, 0, Math.PI * 2);
    context.fill();
    if (several) {
      context.strokeStyle = withAlpha(theme.edge, 0.8);
      context.lineWidth = 1;
      context.stroke();
    }
  }
  context.restore();
  return frame;
}

// Log axes are drawn in log₁₀ units. Over many decades tick whole powers of ten (every k-th, at
// most about six); over few, tick 1-2-5 (or every digit) within each decade so the axis is readable.
const MAX_POWER_TICKS = 6;
function logTicks(frame) {
  const { box } = frame;
  const powerTicks = (powers) => ({ yTicks: powers, yTickLabel: (k) => `1e${k}` });
  const decades = box.yMax - box.yMin;
  if (decades > 3) {
    const step = Math.ceil(decades / MAX_POWER_TICKS);
    const powers = [];
    for (let k = Math.ceil(box.yMin / step) * step; k <= box.yMax; k += step) powers.push(k);
    return powerTicks(powers);
  }
  const powers = niceTicks(box.yMin, box.yMax, 5).filter(Number.isInteger);
  if (powers.length >= 3) return powerTicks(powers);
  for (const mantissas of [
    [1, 2, 5],
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  ]) {
    const ticks = [];
    for (let decade = Math.floor(box.yMin); decade <= Math.ceil(box.yMax); decade++) {
      for (const m of mantissas) {
        const tick = decade + Math.log10(m);
        if (tick >= box.yMin && tick <= box.yMax) ticks.push(tick);
      }
    }
    if (ticks.length >= 2) return { yTicks: ticks, yTickLabel: (t) => Number((10 ** t).toPrecision(1)).toString() };
  }
  return { yTickLabel: (t) => Number((10 ** t).toPrecision(2)).toString() };
}
