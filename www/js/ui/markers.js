// Point markers of distinct shapes, so series are told apart by shape as well
// as by colour (for colour-blind readers). One definition serves the canvas
// drawing and the small inline-SVG swatches next to labels.

// Vertices of a regular polygon (or star) of radius 1 around 0,0, pixel y down.
function polygon(count, rotation = -Math.PI / 2, innerRadius = null) {
  const points = [];
  const total = innerRadius === null ? count : count * 2;
  for (let i = 0; i < total; i++) {
    const radius = innerRadius !== null && i % 2 === 1 ? innerRadius : 1;
    const angle = rotation + (i * 2 * Math.PI) / total;
    points.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
  }
  return points;
}

// name → vertices (null = circle). Sizes are scaled so the shapes look equally big.
const SHAPES = {
  circle: { points: null, scale: 1 },
  square: { points: polygon(4, Math.PI / 4), scale: 1.15 },
  diamond: { points: polygon(4), scale: 1.25 },
  triangle: { points: polygon(3), scale: 1.3 },
  'triangle-down': { points: polygon(3, Math.PI / 2), scale: 1.3 },
  pentagon: { points: polygon(5), scale: 1.1 },
  hexagon: { points: polygon(6, 0), scale: 1.1 },
  star: { points: polygon(5, -Math.PI / 2, 0.5), scale: 1.45 },
};

export function drawMarker(context, shape, x, y, radius, { fill, stroke = '#ffffff', lineWidth = 1.5 }) {
  const { points, scale } = SHAPES[shape] ?? SHAPES.circle;
  const r = radius * scale;
  context.beginPath();
  if (!points) context.arc(x, y, r, 0, Math.PI * 2);
  else
    points.forEach(([px, py], i) =>
      i === 0 ? context.moveTo(x + px * r, y + py * r) : context.lineTo(x + px * r, y + py * r),
    );
  context.closePath();
  context.fillStyle = fill;
  context.fill();
  if (stroke) {
    context.strokeStyle = stroke;
    context.lineWidth = lineWidth;
    context.lineJoin = 'round';
    context.stroke();
  }
}

// A small SVG swatch (decorative: the label next to it carries the meaning); with `darkColor`,
// filled with that colour where the widget is dark (the styles' color-scheme picks one).
export function markerSwatch(shape, color, size = 14, darkColor = color) {
  const namespace = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(namespace, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '-1.6 -1.6 3.2 3.2');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('swatch');
  const { points, scale } = SHAPES[shape] ?? SHAPES.circle;
  const element = points
    ? document.createElementNS(namespace, 'polygon')
    : document.createElementNS(namespace, 'circle');
  if (points) element.setAttribute('points', points.map(([x, y]) => `${x * scale},${y * scale}`).join(' '));
  else element.setAttribute('r', '1');
  element.setAttribute('fill', color);
  if (darkColor !== color) element.style.fill = `light-dark(${color}, ${darkColor})`;
  element.setAttribute('stroke', 'currentColor');
  element.setAttribute('stroke-width', '0.3');
  element.setAttribute('stroke-linejoin', 'round');
  svg.append(element);
  return svg;
}
