// The 2-D loss-surface map shared by the widgets: a filled contour image with
// thin contour lines (both computed by the core's surfaceMap), axes, minimum
// markers, and the drawing of paths and arrows on top of it.
import { PlotFrame } from './plot-frame.js';
import { recentPart, strokePolyline, thinPath } from './polyline.js';

// Pixel coordinates beyond this are clamped, so a diverging path (1e100…) is
// still drawn as a line leaving the picture rather than confusing the canvas.
const PIXEL_LIMIT = 1e5;
const clampPixel = (value) => Math.max(-PIXEL_LIMIT, Math.min(PIXEL_LIMIT, value));

export const CONTOUR_LINE_COLOR = 'rgba(255,255,255,0.32)';
const MIN_DOT_SPACING_PX = 9;
const MAX_PATH_PIXELS = 40000; // ≈ 30 crossings of a desktop map: 15–25 ms to rasterise

// The plot rectangle inside a canvas of the given CSS size (room for the axes).
export const mapArea = (width, height) => ({
  left: 48,
  top: 10,
  width: Math.max(10, width - 60),
  height: Math.max(10, height - 52),
});

// A pleasant canvas height for a map of `box` at this width (relatively taller
// on a phone, where a flat map would leave the paths no room).
export function mapHeight(width, box) {
  const aspect = (box.yMax - box.yMin) / (box.xMax - box.xMin);
  const minimumAspect = width < 500 ? 0.75 : 0.55;
  return Math.round(Math.min(520, width * Math.min(0.9, Math.max(minimumAspect, aspect))));
}

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

// ---- the background image: filled bands + contour lines, cached ----

// A core map ({rgba, contourSegments} of columns × rows cells over frame.box) as an image of the
// frame's area at `ratio` device pixels per CSS pixel: the bands scaled up, the lines drawn sharp.
export function mapImage(map, columns, rows, { area, box }, ratio) {
  const bands = document.createElement('canvas');
  bands.width = columns;
  bands.height = rows;
  bands
    .getContext('2d')
    .putImageData(
      new ImageData(new Uint8ClampedArray(map.rgba.buffer, map.rgba.byteOffset, map.rgba.byteLength), columns, rows),
      0,
      0,
    );

  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(area.width * ratio));
  canvas.height = Math.max(1, Math.round(area.height * ratio));
  const context = canvas.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.drawImage(bands, 0, 0, canvas.width, canvas.height);
  if (map.contourSegments?.length) {
    // World → this image's pixels.
    const sx = canvas.width / (box.xMax - box.xMin);
    const sy = canvas.height / (box.yMax - box.yMin);
    const segments = map.contourSegments;
    context.beginPath();
    for (let i = 0; i + 3 < segments.length; i += 4) {
      context.moveTo((segments[i] - box.xMin) * sx, (box.yMax - segments[i + 1]) * sy);
      context.lineTo((segments[i + 2] - box.xMin) * sx, (box.yMax - segments[i + 3]) * sy);
    }
    context.strokeStyle = CONTOUR_LINE_COLOR;
    context.lineWidth = 0.9 * ratio;
    context.stroke();
  }
  return canvas;
}

// core → Map(key → {canvas, sharp}). Few entries: each is a full-resolution image.
const imageCache = new WeakMap();
const CACHE_SIZE = 6;
// A new map is first drawn from a grid this many times coarser in each direction (a 480-column
// map took 25–35 ms in WebAssembly on a big plot, a long task with the rest of a redraw), then
// sharpened once the requests have paused this long: while a slider is dragged only the coarse
// maps are computed.
const COARSE_FACTOR = 3;
const SHARPEN_AFTER_MS = 120;
const pendingSharpen = new WeakMap(); // the canvas drawn on → {timer, entry} (one per plot)

// The cached image of a map under `key`, or a new one from computeImage(coarseness) (an image, or
// null when the core refused). `sharpening` ({plot: the canvas drawn on, onSharper}), optional,
// asks for the coarse-then-sharp drawing; onSharper is called when the sharp image has replaced
// the coarse one.
export function cachedMapImage(core, key, computeImage, sharpening) {
  if (!imageCache.has(core)) imageCache.set(core, new Map());
  const cache = imageCache.get(core);
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key); // most recently used last
  } else {
    const canvas = computeImage(sharpening ? COARSE_FACTOR : 1);
    if (!canvas) return null;
    entry = { canvas, sharp: !sharpening };
    while (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value);
  }
  cache.set(key, entry);
  // A map asked for again (an animation redrawing each frame) keeps its timer; a new one replaces it.
  if (!entry.sharp && sharpening && pendingSharpen.get(sharpening.plot)?.entry !== entry) {
    const { plot, onSharper } = sharpening;
    clearTimeout(pendingSharpen.get(plot)?.timer);
    const sharpen = () => {
      pendingSharpen.delete(plot);
      if (cache.get(key) !== entry || !plot.isConnected) return; // evicted or removed meanwhile
      entry.canvas = computeImage(1) ?? entry.canvas;
      entry.sharp = true;
      onSharper();
    };
    pendingSharpen.set(plot, { timer: setTimeout(sharpen, SHARPEN_AFTER_MS), entry });
  }
  return entry.canvas;
}

// The map of a surface spec ({surface, condition, expression}) over the frame.
function surfaceImage(core, spec, frame, sharpening) {
  const { area, box } = frame;
  const ratio = window.devicePixelRatio || 1;
  const key = JSON.stringify([spec.surface, spec.condition, spec.expression, box, area.width, area.height, ratio]);
  return cachedMapImage(
    core,
    key,
    (coarseness) => {
      const columns = Math.max(8, Math.round(Math.min(480, area.width / 2) / coarseness));
      const rows = Math.max(1, Math.round((columns * area.height) / area.width));
      const { surface, condition, expression } = spec;
      const map = core.surfaceMap({ surface, condition, expression, box, columns, rows, levels: 18 });
      return map.ok ? mapImage(map, columns, rows, frame, ratio) : null;
    },
    sharpening,
  );
}

// Computes (and caches) the image drawContourMap would draw on `canvas`, without drawing: a first
// picture can give it a frame of its own (its first map: 15–20 ms).
export function prepareContourMap(canvas, width, height, { core, spec, surfaceInfo, onSharper }) {
  const area = mapArea(width, height);
  const frame = new PlotFrame(displayBox(surfaceInfo.box, area), area);
  surfaceImage(core, spec, frame, onSharper && { plot: canvas, onSharper });
}

// Draws the map of `spec` ({surface, condition}) for `surfaceInfo` (core.surfaceInfo)
// filling a canvas of CSS size width × height; returns the PlotFrame (world ↔ pixels).
// onSharper: redraws the caller; given, a new map is drawn coarse first (see COARSE_FACTOR).
export function drawContourMap(context, width, height, { core, spec, surfaceInfo, onSharper }) {
  const area = mapArea(width, height);
  const frame = new PlotFrame(displayBox(surfaceInfo.box, area), area);
  const image = surfaceImage(core, spec, frame, onSharper && { plot: context.canvas, onSharper });
  if (image) context.drawImage(image, area.left, area.top, area.width, area.height);
  frame.drawAxes(context, { xLabel: 'x', yLabel: 'y', gridColor: 'rgba(255,255,255,0.12)' });
  context.save();
  frame.clip(context);
  drawMinimumMarkers(context, frame, surfaceInfo.minima);
  context.restore();
  return frame;
}

// White crosses at the minima (bigger for global ones), with a dark rim.
export function drawMinimumMarkers(context, frame, minima) {
  for (const minimum of minima) {
    const x = frame.toPixelX(minimum.point[0]);
    const y = frame.toPixelY(minimum.point[1]);
    const size = minimum.global ? 7 : 5;
    for (const [style, lineWidth] of [
      ['rgba(0,0,0,0.45)', 4],
      ['#ffffff', 2],
    ]) {
      context.strokeStyle = style;
      context.lineWidth = lineWidth;
      context.beginPath();
      context.moveTo(x - size, y - size);
      context.lineTo(x + size, y + size);
      context.moveTo(x + size, y - size);
      context.lineTo(x - size, y + size);
      context.stroke();
    }
  }
}

// ---- paths and arrows (call inside frame.clip) ----

// points: [[x, y], …] in world units. A coloured line over a dark outline so it
// reads on every part of the colour map; optional dots at each point. A path longer than
// MAX_PATH_PIXELS on screen (one bouncing all over the map) is drawn as its most recent part, up
// to the current point, without dots; the widgets mark its start themselves. Returns whether the
// dots were drawn.
export function drawPath(
  context,
  frame,
  points,
  { color, outline = 'rgba(0,0,0,0.55)', lineWidth = 2, dots = true, startColor = color, endColor = color, alpha = 1 },
) {
  const pixels = [];
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) break;
    pixels.push([clampPixel(frame.toPixelX(x)), clampPixel(frame.toPixelY(y))]);
  }
  if (pixels.length === 0) return;
  const path = recentPart(thinPath(pixels), MAX_PATH_PIXELS);
  if (path.length < pixels.length && path[0] !== pixels[0]) dots = false; // only the recent part is drawn
  context.save();
  context.globalAlpha = alpha;
  context.lineJoin = 'round';
  context.lineCap = 'round';
  for (const [style, width] of [
    [outline, lineWidth + 2],
    [color, lineWidth],
  ]) {
    context.strokeStyle = style;
    context.lineWidth = width;
    strokePolyline(context, path);
  }
  if (dots) {
    // A dot per step while the steps are apart; where they crowd (hundreds of small steps), only
    // those at least MIN_DOT_SPACING_PX from the last dot drawn, so the dots never merge into a band.
    let lastDot = null;
    pixels.forEach(([px, py], i) => {
      const last = i === pixels.length - 1;
      const crowded = lastDot && Math.hypot(px - lastDot[0], py - lastDot[1]) < MIN_DOT_SPACING_PX;
      if (i > 0 && !last && crowded) return;
      lastDot = [px, py];
      context.beginPath();
      context.arc(px, py, i === 0 || last ? 6 : 3.5, 0, Math.PI * 2);
      context.fillStyle = i === 0 ? startColor : last ? endColor : color;
      context.fill();
      context.strokeStyle = '#ffffff';
      context.lineWidth = 1.5;
      context.stroke();
    });
  }
  context.restore();
  return dots;
}

// An arrow between two pixel points, over a dark outline.
export function drawArrow(
  context,
  x0,
  y0,
  x1,
  y1,
  { color = '#ffffff', outline = 'rgba(0,0,0,0.6)', lineWidth = 2, head = 8, dash = null },
) {
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (!(length > 0.5)) return;
  const dx = (x1 - x0) / length;
  const dy = (y1 - y0) / length;
  const headLength = Math.min(head, length * 0.6);
  const baseX = x1 - dx * headLength;
  const baseY = y1 - dy * headLength;
  context.save();
  context.lineCap = 'round';
  for (const [style, width] of [
    [outline, lineWidth + 2],
    [color, lineWidth],
  ]) {
    context.setLineDash(dash ?? []);
    context.strokeStyle = style;
    context.lineWidth = width;
    context.beginPath();
    context.moveTo(x0, y0);
    context.lineTo(baseX, baseY);
    context.stroke();
    context.setLineDash([]);
    context.fillStyle = style;
    context.beginPath();
    const grow = style === outline ? 1.5 : 0;
    context.moveTo(x1 + dx * grow, y1 + dy * grow);
    context.lineTo(baseX - dx * grow + dy * (headLength / 2 + grow), baseY - dy * grow - dx * (headLength / 2 + grow));
    context.lineTo(baseX - dx * grow - dy * (headLength / 2 + grow), baseY - dy * grow + dx * (headLength / 2 + grow));
    context.closePath();
    context.fill();
  }
  context.restore();
}

// −∇f at `point`: the downhill direction, drawn at a fixed pixel length
// (its size is not to scale; the step arrow is).
export function drawGradientArrow(
  context,
  frame,
  point,
  gradient,
  { length = 36, color = '#ffffff', lineWidth = 2, dash = null } = {},
) {
  const [gx, gy] = gradient;
  const norm = Math.hypot(gx, gy);
  if (!(norm > 0) || !Number.isFinite(norm)) return;
  const x0 = frame.toPixelX(point[0]);
  const y0 = frame.toPixelY(point[1]);
  // Screen direction of −∇f (pixel y grows downwards).
  drawArrow(context, x0, y0, x0 - (gx / norm) * length, y0 + (gy / norm) * length, { color, lineWidth, dash });
}

// The step actually taken, from one point to the next, to scale.
export function drawStepArrow(context, frame, from, to, { color, lineWidth = 2.5 }) {
  if (![...from, ...to].every(Number.isFinite)) return;
  drawArrow(
    context,
    frame.toPixelX(from[0]),
    frame.toPixelY(from[1]),
    clampPixel(frame.toPixelX(to[0])),
    clampPixel(frame.toPixelY(to[1])),
    { color, lineWidth, head: 9 },
  );
}

// The two eigen-directions of the Hessian at `point` as short line segments
// through it: solid for positive curvature (curving up), dashed for negative
// (curving down), the length growing with |λ| (square-root scaled, bounded).
export function drawEigenDirections(context, frame, point, { eigenvalues, eigenvectors }) {
  const x0 = frame.toPixelX(point[0]);
  const y0 = frame.toPixelY(point[1]);
  const largest = Math.max(...Array.from(eigenvalues, Math.abs), 1e-12);
  context.save();
  context.lineCap = 'round';
  for (let i = 0; i < 2; i++) {
    const lambda = eigenvalues[i];
    const vx = eigenvectors[2 * i];
    const vy = eigenvectors[2 * i + 1];
    const norm = Math.hypot(vx, vy);
    if (!(norm > 0) || !Number.isFinite(lambda)) continue;
    const half = 14 + 22 * Math.sqrt(Math.abs(lambda) / largest);
    const dx = (vx / norm) * half;
    const dy = (-vy / norm) * half;
    for (const [style, width] of [
      ['rgba(0,0,0,0.7)', 5],
      [lambda >= 0 ? '#ffffff' : '#ffd43b', 2.5],
    ]) {
      context.setLineDash(lambda < 0 && width < 5 ? [5, 4] : []);
      context.strokeStyle = style;
      context.lineWidth = width;
      context.beginPath();
      context.moveTo(x0 - dx, y0 - dy);
      context.lineTo(x0 + dx, y0 + dy);
      context.stroke();
    }
  }
  context.setLineDash([]);
  context.beginPath();
  context.arc(x0, y0, 3, 0, Math.PI * 2);
  context.fillStyle = '#ffffff';
  context.fill();
  context.restore();
}

// A lone start point (before any run exists).
export function drawStart(context, frame, [x, y], color) {
  const py = Number.isFinite(y) ? frame.toPixelY(y) : frame.area.top + frame.area.height / 2;
  context.beginPath();
  context.arc(frame.toPixelX(x), py, 6, 0, Math.PI * 2);
  context.fillStyle = color;
  context.fill();
  context.strokeStyle = '#ffffff';
  context.lineWidth = 1.5;
  context.stroke();
}
