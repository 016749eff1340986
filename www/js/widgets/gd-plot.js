// Draws <descent-gd>'s main plot: f(θ) with the path in 1-D, or a filled
// contour map (computed by the core) with the path in 2-D.
import { PlotFrame } from '../ui/plot-frame.js';
import { formatNumber } from '../ui/format.js';

export const PATH_COLOR = '#ff6b35';
export const START_COLOR = '#e5177b';
const CURVE_COLOR = '#2b6cb0';
const MAX_VIEW_GROWTH = 20; // the 1-D view widens to follow a diverging path, up to this factor

export function plotHeight(width, surfaceInfo, box) {
  if (surfaceInfo.dimension === 1) return Math.round(Math.min(360, Math.max(220, width * 0.5)));
  const aspect = (box.yMax - box.yMin) / (box.xMax - box.xMin);
  return Math.round(Math.min(520, width * Math.min(0.9, Math.max(0.55, aspect))));
}

const plotArea = (width, height) => ({ left: 48, top: 10, width: Math.max(10, width - 60), height: Math.max(10, height - 52) });

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
  const curve = core.surfaceCurve({ surface: config.surface }, xMin, xMax, samples);
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
  const frame = new PlotFrame({ xMin, xMax, yMin, yMax }, plotArea(width, height));
  frame.drawAxes(context, { xLabel: 'θ', yLabel: 'f(θ)' });

  context.save();
  frame.clip(context);
  for (const minimum of surface.minima) {
    const px = frame.toPixelX(minimum.point[0]);
    context.setLineDash([5, 4]);
    context.strokeStyle = 'rgba(40,150,60,0.7)';
    context.beginPath();
    context.moveTo(px, frame.area.top);
    context.lineTo(px, frame.area.top + frame.area.height);
    context.stroke();
    context.setLineDash([]);
    context.fillStyle = 'rgba(30,120,50,0.95)';
    context.font = '11px system-ui, sans-serif';
    context.fillText(`min θ=${formatNumber(minimum.point[0], 2)}, f=${formatNumber(minimum.value, 2)}`, px + 5, frame.area.top + 14);
  }
  context.beginPath();
  for (let i = 0; i < samples; i++) {
    const px = frame.toPixelX(xMin + ((xMax - xMin) * i) / (samples - 1));
    const py = frame.toPixelY(curveValues[i]);
    if (i === 0) context.moveTo(px, py);
    else context.lineTo(px, py);
  }
  context.strokeStyle = CURVE_COLOR;
  context.lineWidth = 2.5;
  context.stroke();

  if (run) {
    const points = [];
    for (let k = 0; k <= shownStep; k++) points.push([run.positions[k], run.losses[k]]);
    drawPath(context, frame, points);
    drawTangent(context, frame, run, shownStep);
  } else {
    drawStart(context, frame, [config.start[0], NaN]);
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
  context.strokeStyle = 'rgba(0,0,0,0.55)';
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(frame.toPixelX(theta - half), frame.toPixelY(value - slope * half));
  context.lineTo(frame.toPixelX(theta + half), frame.toPixelY(value + slope * half));
  context.stroke();
}

// ---- 2-D ----

// The surface's view box grown (never distorted) to the plot area's aspect ratio.
export function displayBox(box, area) {
  const boxAspect = (box.yMax - box.yMin) / (box.xMax - box.xMin);
  const areaAspect = area.height / area.width;
  if (areaAspect > boxAspect) {
    const half = ((box.xMax - box.xMin) * areaAspect) / 2;
    const middle = (box.yMin + box.yMax) / 2;
    return { ...box, yMin: middle - half, yMax: middle + half };
  }
  const half = (box.yMax - box.yMin) / areaAspect / 2;
  const middle = (box.xMin + box.xMax) / 2;
  return { ...box, xMin: middle - half, xMax: middle + half };
}

const contourCache = new WeakMap(); // core → Map(key → offscreen canvas)

function contourImage(core, config, box, columns, rows) {
  if (!contourCache.has(core)) contourCache.set(core, new Map());
  const cache = contourCache.get(core);
  const key = JSON.stringify([config.surface, config.condition, box, columns, rows]);
  if (cache.has(key)) return cache.get(key);
  const map = core.surfaceMap({ surface: config.surface, condition: config.condition, box, columns, rows, levels: 18 });
  if (!map.ok) return null;
  const canvas = document.createElement('canvas');
  canvas.width = columns;
  canvas.height = rows;
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(map.rgba.buffer), columns, rows), 0, 0);
  if (cache.size > 12) cache.delete(cache.keys().next().value);
  cache.set(key, canvas);
  return canvas;
}

export function drawTwoDimensional(context, width, height, { core, config, surface, run, shownStep }) {
  const area = plotArea(width, height);
  const box = displayBox(surface.box, area);
  const frame = new PlotFrame(box, area);
  const columns = Math.min(480, Math.round(area.width / 2));
  const rows = Math.max(1, Math.round((columns * area.height) / area.width));
  const image = contourImage(core, config, box, columns, rows);
  if (image) {
    context.imageSmoothingEnabled = true;
    context.drawImage(image, area.left, area.top, area.width, area.height);
  }
  frame.drawAxes(context, { xLabel: 'x', yLabel: 'y', gridColor: 'rgba(255,255,255,0.12)' });

  context.save();
  frame.clip(context);
  for (const minimum of surface.minima) {
    drawMinimumMarker(context, frame.toPixelX(minimum.point[0]), frame.toPixelY(minimum.point[1]), minimum.global);
  }
  if (run) {
    const points = [];
    for (let k = 0; k <= shownStep; k++) points.push([run.positions[2 * k], run.positions[2 * k + 1]]);
    drawPath(context, frame, points);
    drawGradientArrow(context, frame, run, shownStep);
  } else {
    drawStart(context, frame, config.start);
  }
  context.restore();
  return frame;
}

function drawMinimumMarker(context, x, y, global) {
  const size = global ? 7 : 5;
  context.strokeStyle = '#ffffff';
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(x - size, y - size);
  context.lineTo(x + size, y + size);
  context.moveTo(x + size, y - size);
  context.lineTo(x - size, y + size);
  context.stroke();
}

// −∇f at the current point: the downhill direction, drawn at a fixed length.
function drawGradientArrow(context, frame, run, step) {
  const gx = run.gradients[2 * step];
  const gy = run.gradients[2 * step + 1];
  const norm = Math.hypot(gx, gy);
  if (!(norm > 0)) return;
  const x0 = frame.toPixelX(run.positions[2 * step]);
  const y0 = frame.toPixelY(run.positions[2 * step + 1]);
  // Screen direction of −∇f (pixel y grows downwards).
  const dx = -gx / norm;
  const dy = gy / norm;
  const length = 36;
  const x1 = x0 + dx * length;
  const y1 = y0 + dy * length;
  context.strokeStyle = '#ffffff';
  context.fillStyle = '#ffffff';
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(x0, y0);
  context.lineTo(x1, y1);
  context.stroke();
  context.beginPath();
  context.moveTo(x1, y1);
  context.lineTo(x1 - 8 * dx + 4 * dy, y1 - 8 * dy - 4 * dx);
  context.lineTo(x1 - 8 * dx - 4 * dy, y1 - 8 * dy + 4 * dx);
  context.closePath();
  context.fill();
}

// ---- shared ----

function drawPath(context, frame, points) {
  const pixels = points.map(([x, y]) => [frame.toPixelX(x), frame.toPixelY(y)]);
  context.lineJoin = 'round';
  for (const [style, lineWidth] of [['rgba(0,0,0,0.55)', 4], [PATH_COLOR, 2]]) {
    context.beginPath();
    pixels.forEach(([px, py], i) => (i === 0 ? context.moveTo(px, py) : context.lineTo(px, py)));
    context.strokeStyle = style;
    context.lineWidth = lineWidth;
    context.stroke();
  }
  pixels.forEach(([px, py], i) => {
    const last = i === pixels.length - 1;
    context.beginPath();
    context.arc(px, py, i === 0 || last ? 6 : 3.5, 0, Math.PI * 2);
    context.fillStyle = i === 0 ? START_COLOR : last ? '#2f9e44' : PATH_COLOR;
    context.fill();
    context.strokeStyle = '#ffffff';
    context.lineWidth = 1.5;
    context.stroke();
  });
}

function drawStart(context, frame, [x, y]) {
  const py = Number.isFinite(y) ? frame.toPixelY(y) : frame.area.top + frame.area.height / 2;
  context.beginPath();
  context.arc(frame.toPixelX(x), py, 6, 0, Math.PI * 2);
  context.fillStyle = START_COLOR;
  context.fill();
}
