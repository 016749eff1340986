// Drawing for <descent-loss>: curves of several losses over one input (with a probe line), the
// line-fit scatter with its draggable outliers (bar charts: ui/bar-chart.js). Every value drawn
// comes from the core; this file only maps it to pixels.
import { drawLegend } from '../../ui/bar-chart.js';
import { OKABE_ITO, ink, seriesInk, themeOf, withAlpha } from '../../ui/palette.js';
import { PlotFrame } from '../../ui/plot-frame.js';

// Okabe–Ito hues (told apart with the common colour-vision deficiencies; the old red MSE and
// green Huber were not), darkened where needed to 3:1 against white.
export const LOSS_COLORS = {
  mse: ink(OKABE_ITO.vermillion),
  mae: ink(OKABE_ITO.blue),
  huber: ink(OKABE_ITO.bluishGreen),
  bce: ink(OKABE_ITO.blue),
  mse_sigmoid: ink(OKABE_ITO.vermillion),
  focal: ink(OKABE_ITO.reddishPurple),
  hinge: ink(OKABE_ITO.orange),
};
export const LOSS_LABELS = {
  mse: 'MSE',
  mae: 'MAE',
  huber: 'Huber',
  bce: 'BCE',
  mse_sigmoid: 'MSE on σ(z)',
  focal: 'focal',
  hinge: 'hinge',
};

const AREA = (width, height) => ({
  left: 52,
  top: 10,
  width: Math.max(10, width - 64),
  height: Math.max(10, height - 48),
});

// input: x values; series: [{name, values}] (non-finite values break the line); probeX: a vertical
// marker; yRange: [min, max] clipping the axis (a loss growing without bound would flatten the rest).
export function drawCurves(context, width, height, { input, series, probeX = null, yRange = null, xLabel, yLabel }) {
  const area = AREA(width, height);
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const { values } of series) {
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    }
  }
  if (yRange) {
    yMin = Math.max(yMin, yRange[0]);
    yMax = Math.min(yMax, yRange[1]);
  }
  if (!(yMax > yMin)) {
    yMin -= 1;
    yMax += 1;
  }
  const pad = (yMax - yMin) * 0.06;
  const frame = new PlotFrame(
    { xMin: input[0], xMax: input[input.length - 1], yMin: yMin - pad, yMax: yMax + pad },
    area,
  );
  frame.drawAxes(context, { xLabel, yLabel });
  const theme = themeOf(context);
  context.save();
  frame.clip(context);
  if (frame.box.yMin < 0 && frame.box.yMax > 0) {
    context.strokeStyle = withAlpha(theme.text, 0.35);
    context.beginPath();
    context.moveTo(area.left, frame.toPixelY(0));
    context.lineTo(area.left + area.width, frame.toPixelY(0));
    context.stroke();
  }
  for (const { name, values } of series) {
    frame.tracePath(context, input, values);
    context.strokeStyle = seriesInk(LOSS_COLORS[name], theme);
    context.lineWidth = 2.5;
    context.stroke();
  }
  if (probeX !== null) {
    context.setLineDash([4, 4]);
    context.strokeStyle = theme.text;
    context.lineWidth = 1.5;
    context.beginPath();
    context.moveTo(frame.toPixelX(probeX), area.top);
    context.lineTo(frame.toPixelX(probeX), area.top + area.height);
    context.stroke();
    context.setLineDash([]);
  }
  context.restore();
  drawLegend(
    context,
    area,
    series.map(({ name, label }) => ({ label: label ?? LOSS_LABELS[name], color: LOSS_COLORS[name] })),
  );
  return frame;
}

// The points, the outliers (ringed, the selected one thicker) and one fitted line per loss.
export function drawLineFit(context, width, height, { xs, ys, outliers, selected, fits, box }) {
  const area = AREA(width, height);
  const frame = new PlotFrame(box, area);
  frame.drawAxes(context, { xLabel: 'x', yLabel: 'y' });
  const theme = themeOf(context);
  context.save();
  frame.clip(context);
  for (const fit of fits) {
    context.strokeStyle = seriesInk(LOSS_COLORS[fit.loss], theme);
    context.lineWidth = 2.5;
    context.beginPath();
    context.moveTo(frame.toPixelX(box.xMin), frame.toPixelY(fit.slope * box.xMin + fit.intercept));
    context.lineTo(frame.toPixelX(box.xMax), frame.toPixelY(fit.slope * box.xMax + fit.intercept));
    context.stroke();
  }
  context.fillStyle = theme.secondary;
  xs.forEach((x, i) => {
    context.beginPath();
    context.arc(frame.toPixelX(x), frame.toPixelY(ys[i]), 3.5, 0, Math.PI * 2);
    context.fill();
  });
  outliers.forEach(([x, y], i) => {
    context.beginPath();
    context.arc(frame.toPixelX(x), frame.toPixelY(y), 7, 0, Math.PI * 2);
    context.fillStyle = theme.danger;
    context.fill();
    context.lineWidth = i === selected ? 3 : 1.5;
    context.strokeStyle = theme.text;
    context.stroke();
  });
  context.restore();
  drawLegend(
    context,
    area,
    fits.map((fit) => ({ label: `${LOSS_LABELS[fit.loss]} line`, color: LOSS_COLORS[fit.loss] })),
  );
  return frame;
}
