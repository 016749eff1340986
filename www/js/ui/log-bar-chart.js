// Bars on a log₁₀ axis (one per category, e.g. per layer), with an optional
// shaded band marking a range of values (e.g. "healthy"). Values that a log
// axis cannot show are drawn as labelled stubs instead of disappearing:
// 0 at the bottom edge, NaN and ±Infinity as full-height hatched bars.
import { seriesInk, themeOf, withAlpha } from './palette.js';
import { PlotFrame } from './plot-frame.js';

const MAX_DECADES = 24; // a wider spread is cut at the bottom: the tallest bars matter most

// values: numbers; band: {low, high, color, label} or null; barColor(value, i) → CSS colour;
// label(i) → the category's tick text ('' to skip). Returns the PlotFrame (x in category
// index units: bar i spans [i − 0.5, i + 0.5]).
export function drawLogBarChart(
  context,
  width,
  height,
  { values, band = null, barColor, label, xLabel, yLabel, highlight = -1 },
) {
  const area = { left: 52, top: 12, width: Math.max(10, width - 64), height: Math.max(10, height - 52) };
  const finite = Array.from(values).filter((v) => Number.isFinite(v) && v > 0);
  const bounds = [...finite];
  if (band) bounds.push(band.low, band.high);
  const yMax = Math.ceil(Math.log10(Math.max(...bounds.filter((v) => v > 0), 1)) + 0.3);
  let yMin = Math.floor(Math.log10(Math.min(...bounds.filter((v) => v > 0), 1)) - 0.3);
  yMin = Math.max(yMin, yMax - MAX_DECADES);
  if (yMax - yMin < 2) yMin = yMax - 2;
  const frame = new PlotFrame({ xMin: -0.5, xMax: values.length - 0.5, yMin, yMax }, area);
  const theme = themeOf(context);
  const step = Math.max(1, Math.ceil((yMax - yMin) / Math.max(2, Math.floor(area.height / 28))));
  const yTicks = [];
  for (let tick = yMin; tick <= yMax; tick += step) yTicks.push(tick);
  // The categories get their own labels: an axes frame with an empty x range draws no x ticks.
  const axes = new PlotFrame({ xMin: 0, xMax: 0, yMin, yMax }, area);
  axes.drawAxes(context, { yLabel, yTicks, yTickLabel: (k) => (k === 0 ? '1' : `1e${k}`), grid: true });
  drawCategoryLabels(context, frame, values.length, label, xLabel);

  context.save();
  frame.clip(context);
  if (band) {
    const top = frame.toPixelY(Math.min(yMax, Math.log10(band.high)));
    const bottom = frame.toPixelY(Math.max(yMin, Math.log10(band.low)));
    context.fillStyle = band.color;
    context.fillRect(area.left, top, area.width, bottom - top);
    if (band.label) {
      context.fillStyle = theme.ok;
      context.font = '11px system-ui, sans-serif';
      context.textAlign = 'right';
      context.textBaseline = 'top';
      context.fillText(band.label, area.left + area.width - 4, top + 3);
    }
  }
  const slot = area.width / Math.max(1, values.length);
  const barWidth = Math.max(2, Math.min(36, slot * 0.7));
  const baseline = area.top + area.height;
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'center';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const x = frame.toPixelX(i) - barWidth / 2;
    if (!Number.isFinite(value)) {
      context.fillStyle = withAlpha(theme.danger, 0.25);
      context.fillRect(x, area.top, barWidth, area.height);
      hatch(context, x, area.top, barWidth, area.height, withAlpha(theme.danger, 0.6));
      context.fillStyle = theme.danger;
      context.textBaseline = 'top';
      if (slot >= 26) context.fillText(Number.isNaN(value) ? 'NaN' : 'Inf', x + barWidth / 2, area.top + 2);
      continue;
    }
    if (!(value > 0)) {
      context.fillStyle = theme.muted;
      context.fillRect(x, baseline - 2, barWidth, 2);
      context.textBaseline = 'bottom';
      if (slot > 14) context.fillText('0', x + barWidth / 2, baseline - 3);
      continue;
    }
    const top = Math.max(area.top, frame.toPixelY(Math.log10(value)));
    context.fillStyle = seriesInk(barColor(value, i), theme);
    context.fillRect(x, top, barWidth, baseline - top);
    if (i === highlight) {
      context.strokeStyle = theme.text;
      context.lineWidth = 2;
      context.strokeRect(x, top, barWidth, baseline - top);
    }
  }
  context.restore();
  return frame;
}

function drawCategoryLabels(context, frame, count, label, xLabel) {
  const { area } = frame;
  context.save();
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = themeOf(context).muted;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (let i = 0; i < count; i++) {
    const text = label(i);
    if (text) context.fillText(text, frame.toPixelX(i), area.top + area.height + 4);
  }
  context.textBaseline = 'bottom';
  if (xLabel) context.fillText(xLabel, area.left + area.width / 2, area.top + area.height + 34);
  context.restore();
}

function hatch(context, x, y, width, height, color) {
  context.save();
  context.beginPath();
  context.rect(x, y, width, height);
  context.clip();
  context.strokeStyle = color;
  context.lineWidth = 1;
  context.beginPath();
  for (let offset = -width; offset < height; offset += 8) {
    context.moveTo(x, y + offset + width);
    context.lineTo(x + width, y + offset);
  }
  context.stroke();
  context.restore();
}
