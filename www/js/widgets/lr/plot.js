// Drawing for <descent-lr>: the range test's loss against the learning rate on a log axis with the
// suggested rate marked, and the "NaN here" marks on loss curves that diverged (the schedule and
// loss curves themselves are ui/line-chart.js). Every value drawn comes from the core.
import { drawLegend } from '../../ui/bar-chart.js';
import { seriesInk, themeOf } from '../../ui/palette.js';
import { PlotFrame, niceTicks } from '../../ui/plot-frame.js';

export const LR_COLORS = {
  scheduled: '#2b6cb0',
  constant: '#8a94a6',
  tooLarge: '#c92a2a',
  aboutRight: '#2f7d32',
  tooSmall: '#a15c00',
  raw: '#9db4d3',
  suggested: '#2f7d32',
  blowUp: '#c92a2a',
  schedule: '#8a4fbf',
};

const AREA = (width, height) => ({
  left: 52,
  top: 10,
  width: Math.max(10, width - 64),
  height: Math.max(10, height - 48),
});

// A dashed vertical line at pixel x with a label near its top (row 1: one line lower, so two
// markers close together keep their labels apart).
function marker(context, area, px, color, label, alignRight, row = 0) {
  color = seriesInk(color, themeOf(context));
  context.save();
  context.setLineDash([5, 4]);
  context.strokeStyle = color;
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(px, area.top);
  context.lineTo(px, area.top + area.height);
  context.stroke();
  context.setLineDash([]);
  context.fillStyle = color;
  context.font = '600 11px system-ui, sans-serif';
  context.textAlign = alignRight ? 'right' : 'left';
  context.textBaseline = 'top';
  context.fillText(label, px + (alignRight ? -4 : 4), area.top + 4 + 14 * row);
  context.restore();
}

// Loss (raw, faint) and smoothed loss against log₁₀ of the rate; the suggested rate and the
// blow-up marked. x ticks are labelled as rates (1e-3, 0.1, 10), not as their logarithms.
export function drawRangeTest(
  context,
  width,
  height,
  { learningRate, loss, smoothedLoss, suggestedStep, suggestedLr, stoppedAtStep, minLr, maxLr, formatRate },
) {
  const area = AREA(width, height);
  const xs = Array.from(learningRate, (lr) => Math.log10(lr));
  // The y range follows the smoothed loss up to the blow-up (the raw loss there can be huge).
  let yMax = -Infinity;
  let yMin = Infinity;
  for (const v of smoothedLoss) {
    if (!Number.isFinite(v)) continue;
    yMin = Math.min(yMin, v);
    yMax = Math.max(yMax, v);
  }
  const first = smoothedLoss[0];
  if (Number.isFinite(first)) yMax = Math.min(yMax, 2.5 * first);
  if (!(yMax > yMin)) {
    yMin = 0;
    yMax = 1;
  }
  const pad = (yMax - yMin) * 0.08;
  const frame = new PlotFrame(
    { xMin: Math.log10(minLr), xMax: Math.log10(maxLr), yMin: Math.max(0, yMin - pad), yMax: yMax + pad },
    area,
  );
  frame.drawAxes(context, { xLabel: 'learning rate (log scale)', yLabel: 'mini-batch loss' });
  const theme = themeOf(context);
  const rawColor = seriesInk(LR_COLORS.raw, theme);
  const smoothedColor = theme.text;
  // Replace the axis's log₁₀ tick labels by the rates themselves.
  context.save();
  context.fillStyle = theme.background;
  context.fillRect(area.left - 20, area.top + area.height + 1, area.width + 40, 16);
  context.fillStyle = theme.muted;
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'top';
  const decades = niceTicks(frame.box.xMin, frame.box.xMax, Math.max(2, Math.floor(area.width / 60))).filter(
    Number.isInteger,
  );
  for (const decade of decades)
    context.fillText(formatRate(10 ** decade), frame.toPixelX(decade), area.top + area.height + 4);
  context.restore();

  context.save();
  frame.clip(context);
  const trace = (values, color, lineWidth) => {
    frame.tracePath(context, xs, values);
    context.strokeStyle = color;
    context.lineWidth = lineWidth;
    context.stroke();
  };
  trace(loss, rawColor, 1.2);
  trace(smoothedLoss, smoothedColor, 2.5);
  context.restore();
  if (stoppedAtStep >= 0)
    marker(context, area, frame.toPixelX(xs[stoppedAtStep]), LR_COLORS.blowUp, 'blow-up', true, 1);
  if (suggestedStep >= 0) {
    const px = frame.toPixelX(Math.log10(suggestedLr));
    marker(
      context,
      area,
      px,
      LR_COLORS.suggested,
      `suggested ${formatRate(suggestedLr)}`,
      px > area.left + area.width * 0.6,
    );
    context.fillStyle = seriesInk(LR_COLORS.suggested, theme);
    context.beginPath();
    context.arc(px, frame.toPixelY(smoothedLoss[suggestedStep]), 5, 0, Math.PI * 2);
    context.fill();
  }
  // Bottom left: below the flat start of the curve, away from the markers' labels at the top.
  drawLegend(context, { ...area, top: area.top + area.height - 38 }, [
    { label: 'loss per batch', color: rawColor },
    { label: 'smoothed', color: smoothedColor },
  ]);
  return frame;
}

// A red ✕ and "NaN" at the top of a chart, at the epoch where a run diverged.
export function markDivergence(context, frame, epoch, color) {
  if (!frame) return;
  const px = frame.toPixelX(Math.min(epoch, frame.box.xMax));
  const py = frame.area.top + 10;
  color = seriesInk(color, themeOf(context));
  context.save();
  context.strokeStyle = color;
  context.lineWidth = 2.5;
  context.beginPath();
  context.moveTo(px - 5, py - 5);
  context.lineTo(px + 5, py + 5);
  context.moveTo(px + 5, py - 5);
  context.lineTo(px - 5, py + 5);
  context.stroke();
  context.fillStyle = color;
  context.font = '600 11px system-ui, sans-serif';
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  context.fillText('NaN', px + 8, py);
  context.restore();
}
