// A per-step line chart (loss vs step) with optional log scale and a marker at
// the current step. Values that cannot be shown on a log axis (≤ 0) are floored.
import { PlotFrame, niceTicks } from './plot-frame.js';

const LOG_FLOOR = 1e-16;

export function drawLineChart(context, width, height, { values, currentIndex, logScale, xLabel, yLabel, color }) {
  const area = { left: 52, top: 10, width: Math.max(10, width - 64), height: Math.max(10, height - 48) };
  if (values.length === 0) return;
  const transform = logScale ? (v) => Math.log10(Math.max(v, LOG_FLOOR)) : (v) => v;
  const shown = Array.from(values, transform);
  let yMin = Math.min(...shown);
  let yMax = Math.max(...shown);
  if (yMax - yMin < 1e-12) {
    yMin -= 1;
    yMax += 1;
  }
  const pad = (yMax - yMin) * 0.05;
  const frame = new PlotFrame({ xMin: 0, xMax: Math.max(1, values.length - 1), yMin: yMin - pad, yMax: yMax + pad }, area);
  frame.drawAxes(context, { xLabel, yLabel, ...(logScale ? logTicks(frame) : {}) });

  context.save();
  frame.clip(context);
  const trace = (from, to, style, lineWidth) => {
    context.beginPath();
    for (let i = from; i <= to; i++) {
      const px = frame.toPixelX(i);
      const py = frame.toPixelY(shown[i]);
      if (i === from) context.moveTo(px, py);
      else context.lineTo(px, py);
    }
    context.strokeStyle = style;
    context.lineWidth = lineWidth;
    context.stroke();
  };
  trace(0, values.length - 1, 'rgba(120,130,145,0.45)', 1.5);
  trace(0, Math.min(currentIndex, values.length - 1), color, 2.5);
  const cx = frame.toPixelX(currentIndex);
  const cy = frame.toPixelY(shown[Math.min(currentIndex, values.length - 1)]);
  context.fillStyle = color;
  context.beginPath();
  context.arc(cx, cy, 4, 0, Math.PI * 2);
  context.fill();
  context.restore();
}

// Log axes are drawn in log₁₀ units. Over many decades tick whole powers of ten;
// over few, tick 1-2-5 (or every digit) within each decade so the axis is readable.
function logTicks(frame) {
  const { box } = frame;
  const powers = niceTicks(box.yMin, box.yMax, 5).filter(Number.isInteger);
  if (powers.length >= 3) return { yTicks: powers, yTickLabel: (k) => `1e${k}` };
  for (const mantissas of [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
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
