// Long polylines (a 100,000-step SGD path, a loss curve per iteration) drawn in a few
// milliseconds and the same to the eye. Canvas stroking slows down much faster than the vertex
// count on a long, self-crossing path with round joins (one stroke of a 100k-point path blocked
// the page for over a minute), so: drop the vertices that move less than half a pixel (and cap
// their number), keep the lowest and highest point per pixel column of a curve, and stroke in
// pieces. (The canvas is rasterised when the frame is committed; in software, as on a machine
// without a GPU, a redraw of the SGD widget — a 10,240-step path and its loss per iteration —
// held the commit 170–200 ms with strokes of 1,024 vertices and the loss as a stroked zigzag,
// 93–141 ms with strokes of 128 and the dense loss filled as bars. Capping the path at 1,500
// vertices saved 20 ms more but visibly straightened the path's zigzags: not done.)

const MIN_STEP_PX = 0.5;
const MAX_PATH_VERTICES = 4000;
const VERTICES_PER_STROKE = 128;

// pixels: [[x, y], …] → the same path without the points closer than half a pixel to the last
// kept one (the first and last points are always kept). A path that still has more than
// MAX_PATH_VERTICES (a jittery 100k-step SGD path fills an area rather than tracing a line) is
// thinned again with a doubled distance until it has fewer: it still covers the same area.
export function thinPath(pixels) {
  let step = MIN_STEP_PX;
  let kept = thinPathBy(pixels, step);
  while (kept.length > MAX_PATH_VERTICES) {
    step *= 2;
    kept = thinPathBy(kept, step);
  }
  return kept;
}

function thinPathBy(pixels, step) {
  if (pixels.length <= 2) return pixels;
  const kept = [pixels[0]];
  let [lastX, lastY] = pixels[0];
  for (let i = 1; i < pixels.length - 1; i++) {
    const [x, y] = pixels[i];
    if (Math.abs(x - lastX) < step && Math.abs(y - lastY) < step) continue;
    kept.push(pixels[i]);
    lastX = x;
    lastY = y;
  }
  kept.push(pixels[pixels.length - 1]);
  return kept;
}

// The end of a path (pixels: [[x, y], …]) no longer than maxLength pixels: the whole path when it
// is shorter. Rasterising a stroke costs about its length: a path bouncing across the whole map
// at a too-large learning rate (300,000–800,000 px of lines) held a frame's commit 90–270 ms,
// and past a few dozen crossings the lines only fill the picture.
export function recentPart(pixels, maxLength) {
  let length = 0;
  for (let i = pixels.length - 1; i > 0; i--) {
    length += Math.hypot(pixels[i][0] - pixels[i - 1][0], pixels[i][1] - pixels[i - 1][1]);
    if (length > maxLength) return pixels.slice(i);
  }
  return pixels;
}

// A curve y(i) for i = 0…last whose x is increasing: per pixel column its lowest and highest
// point, in the order they occur, plus the curve's first and last points — a column drawn this
// way looks the same whatever the number of points in it.
// pixelOf(i) → [x, y]; the curve stops before the first index where it returns null.
export function columnEnvelope(last, pixelOf) {
  const out = [];
  let column = null;
  let low = null;
  let high = null;
  let final = null;
  const flush = () => {
    if (column === null) return;
    if (low.index < high.index) out.push(low.xy, high.xy);
    else if (low.index > high.index) out.push(high.xy, low.xy);
    else out.push(low.xy);
  };
  for (let i = 0; i <= last; i++) {
    const xy = pixelOf(i);
    if (!xy) break;
    const point = { index: i, xy };
    if (i === 0) out.push(xy);
    const x = Math.floor(xy[0]);
    if (x !== column) {
      flush();
      column = x;
      low = high = point;
    } else {
      if (xy[1] < low.xy[1]) low = point;
      if (xy[1] > high.xy[1]) high = point;
    }
    final = point;
  }
  flush();
  if (final && out[out.length - 1] !== final.xy) out.push(final.xy);
  return out;
}

// A curve's envelope (columnEnvelope) with about two points in every pixel column is a noisy
// series (a loss per mini-batch): stroking its zigzag costs the canvas far more than drawing it
// as one filled bar per column, from its lowest to its highest point (and on to where the
// previous column ended, so the bars join), which looks the same. Returns whether it drew.
const DENSE_POINTS_PER_COLUMN = 1.5;
export function fillDenseCurve(context, pixels, lineWidth) {
  if (pixels.length < 3) return false;
  const columns = Math.floor(pixels[pixels.length - 1][0]) - Math.floor(pixels[0][0]) + 1;
  if (pixels.length < DENSE_POINTS_PER_COLUMN * columns) return false;
  context.fillStyle = context.strokeStyle;
  let previousY = pixels[0][1];
  for (let i = 0; i < pixels.length;) {
    const column = Math.floor(pixels[i][0]);
    let low = previousY;
    let high = previousY;
    for (; i < pixels.length && Math.floor(pixels[i][0]) === column; i++) {
      low = Math.min(low, pixels[i][1]);
      high = Math.max(high, pixels[i][1]);
      previousY = pixels[i][1];
    }
    context.fillRect(column, low - lineWidth / 2, 1, high - low + lineWidth);
  }
  return true;
}

// Strokes the polyline through `pixels` in pieces of at most VERTICES_PER_STROKE vertices, each
// starting where the last ended (with round caps and joins the seams do not show).
export function strokePolyline(context, pixels) {
  for (let start = 0; start < pixels.length - 1; start += VERTICES_PER_STROKE - 1) {
    const end = Math.min(pixels.length, start + VERTICES_PER_STROKE);
    context.beginPath();
    context.moveTo(pixels[start][0], pixels[start][1]);
    for (let i = start + 1; i < end; i++) context.lineTo(pixels[i][0], pixels[i][1]);
    context.stroke();
  }
}
