// Draws <descent-gd>'s main plot: f(θ) with the path in 1-D, or the shared
// contour map (www/js/ui/contour-map.js) with the path in 2-D.
import { drawContourMap, drawGradientArrow, drawPath, drawStart, mapArea, mapHeight } from '../../ui/contour-map.js';
import { themeOf, withAlpha } from '../../ui/palette.js';
import { PlotFrame } from '../../ui/plot-frame.js';
import { formatNumber } from '../../ui/format.js';

export const PATH_COLOR = '#ff6b35';
export const START_COLOR = '#e5177b';
const PATH_STYLE = { color: PATH_COLOR, startColor: START_COLOR, endColor: '#2f9e44' };
const MAX_VIEW_GROWTH = 20; // the 1-D view widens to follow a diverging path, up to this factor

export function plotHeight(width, surfaceInfo, box) {
  if (surfaceInfo.dimension === 1) return Math.round(Math.min(360, Math.max(220, width * 0.5)));
  return mapHeight(width, box);
}

// ---- 1-D ----

// Widens the surface's θ range to include every shown point (bounded), so a
// diverging path stays visible instead of leaving the picture.
function oneDimensionalRange(box, points) {
  const width = box.xMax - box.xMin;
  let xMin = box.xMin;
  let xMax = box.xMax;
  for (const theta of points) {
    xMin = Math.min(xMin, theta);
    xMax = Math.max(xMax, theta);
  }
  xMin = Math.max(xMin, box.xMin - MAX_VIEW_GROWTH * width);
  xMax = Math.min(xMax, box.xMax + MAX_VIEW_GROWTH * width);
  const grew = xMin < box.xMin || xMax > box.xMax;
  const margin = grew ? 0.05 * (xMax - xMin) : 0;
  return [xMin - margin, xMax + margin];
}

export function drawOneDimensional(context, width, height, { core, config, surface, run, shownStep }) {
  const thetas = run ? Array.from(run.positions.subarray(0, shownStep + 1)) : config.start;
  const [xMin, xMax] = oneDimensionalRange(surface.box, thetas);
  const samples = Math.max(64, Math.min(1024, Math.round(width)));
  const curve = core.surfaceCurve({ surface: config.surface, expression: config.expression }, xMin, xMax, samples);
  const curveValues = curve.ok ? curve.values : new Float64Array(samples);
  let yMin = surface.box.yMin;
  let yMax = surface.box.yMax;
  if (xMin < surface.box.xMin || xMax > surface.box.xMax) {
    yMin = Math.min(yMin, ...curveValues);
    yMax = Math.max(...curveValues);
    const pad = 0.05 * (yMax - yMin);
    yMin -= pad;
    yMax += pad;
  }
  const frame = new PlotFrame({ xMin, xMax, yMin, yMax }, mapArea(width, height));
  frame.drawAxes(context, { xLabel: 'θ', yLabel: 'f(θ)' });
  const theme = themeOf(context);

  context.save();
  frame.clip(context);
  for (const minimum of surface.minima) {
    const px = frame.toPixelX(minimum.point[0]);
    context.setLineDash([5, 4]);
    context.strokeStyle = withAlpha(theme.ok, 0.7);
    context.beginPath();
    context.moveTo(px, frame.area.top);
    context.lineTo(px, frame.area.top + frame.area.height);
    context.stroke();
    context.setLineDash([]);
    context.fillStyle = theme.ok;
    context.font = '11px system-ui, sans-serif';
    context.fillText(
      `min θ=${formatNumber(minimum.point[0], 2)}, f=${formatNumber(minimum.value, 2)}`,
      px + 5,
      frame.area.top + 14,
    );
  }
  context.beginPath();
  for (let i = 0; i < samples; i++) {
    const px = frame.toPixelX(xMin + ((xMax - xMin) * i) / (samples - 1));
    const py = frame.toPixelY(curveValues[i]);
    if (i === 0) context.moveTo(px, py);
    else context.lineTo(px, py);
  }
  context.strokeStyle = theme.accent;
  context.lineWidth = 2.5;
  context.stroke();

  if (run) {
    const points = [];
    for (let k = 0; k <= shownStep; k++) points.push([run.positions[k], run.losses[k]]);
    drawPath(context, frame, points, PATH_STYLE);
    drawTangent(context, frame, run, shownStep);
  } else {
    drawStart(context, frame, [config.start[0], NaN], START_COLOR);
  }
  context.restore();
  return frame;
}

// The slope the optimizer feels at the current point, as a short tangent segment.
function drawTangent(context, frame, run, step) {
  const theta = run.positions[step];
  const value = run.losses[step];
  const slope = run.gradients[step];
  const half = 0.06 * (frame.box.xMax - frame.box.xMin);
  context.strokeStyle = withAlpha(themeOf(context).text, 0.55);
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(frame.toPixelX(theta - half), frame.toPixelY(value - slope * half));
  context.lineTo(frame.toPixelX(theta + half), frame.toPixelY(value + slope * half));
  context.stroke();
}

// ---- 2-D ----

export function drawTwoDimensional(context, width, height, { core, config, surface, run, shownStep, onSharper }) {
  const frame = drawContourMap(context, width, height, { core, spec: config, surfaceInfo: surface, onSharper });
  context.save();
  frame.clip(context);
  if (run) {
    const points = [];
    for (let k = 0; k <= shownStep; k++) points.push([run.positions[2 * k], run.positions[2 * k + 1]]);
    drawPath(context, frame, points, PATH_STYLE);
    const at = (values) => [values[2 * shownStep], values[2 * shownStep + 1]];
    drawGradientArrow(context, frame, at(run.positions), at(run.gradients));
  } else {
    drawStart(context, frame, config.start, START_COLOR);
  }
  context.restore();
  return frame;
}
