// Draws an evaluated computational graph (core.evaluateFormula) as accessible SVG, left to right
// by the core's node depths, and writes the "incoming × local = outgoing" detail of a node.
// Forward values are blue, gradients red; what is not yet computed in step-by-step mode is blank.
export const VALUE_COLOR = 'var(--accent)';
export const GRADIENT_COLOR = 'var(--danger)';
const NODE_WIDTH = 92;
const NODE_HEIGHT = 58;
const COLUMN_GAP = 38;
const ROW_GAP = 14;
const MARGIN = 8;
const SVG_NS = 'http://www.w3.org/2000/svg';

// Up to 5 significant digits, no trailing zeros: 1.2769, −0.13, 6 (rounding noise such as
// 0.6779999999 reads 0.678).
export const formatShort = (value) => (Number.isFinite(value) ? String(Number(value.toPrecision(5))) : String(value));

// What a node shows as its name: its operation, a variable's name, or a constant's value.
export function nodeLabel(node) {
  if (node.kind === 'variable') return node.name;
  if (node.kind === 'constant') return node.text;
  return node.symbol;
}

// The step-by-step timeline: forward through the operations (inputs are known from the start),
// then backward through every node on a path to the output, from the output down.
export function graphTimeline(graph) {
  const forward = graph.nodes.filter((node) => node.onPath && node.inputs.length > 0).map((node) => node.index);
  const backward = graph.nodes
    .filter((node) => node.onPath && node.kind !== 'constant')
    .map((node) => node.index)
    .reverse();
  return { forward, backward, length: forward.length + backward.length };
}

// Which values and gradients are visible after `step` steps, and the node the last step computed.
export function visibility(graph, timeline, step) {
  const valueShown = new Set(graph.nodes.filter((node) => node.inputs.length === 0).map((node) => node.index));
  const gradientShown = new Set();
  timeline.forward.slice(0, step).forEach((index) => valueShown.add(index));
  timeline.backward.slice(0, Math.max(0, step - timeline.forward.length)).forEach((index) => gradientShown.add(index));
  const finished = step >= timeline.length;
  // Once the backward pass is over, nodes without a path show their gradient 0 too.
  if (finished) graph.nodes.forEach((node) => node.kind !== 'constant' && gradientShown.add(node.index));
  let current = -1;
  if (step > 0 && !finished)
    current =
      step <= timeline.forward.length
        ? timeline.forward[step - 1]
        : timeline.backward[step - 1 - timeline.forward.length];
  if (step > 0 && finished) current = timeline.backward[timeline.backward.length - 1] ?? -1;
  return {
    valueShown,
    gradientShown,
    current,
    phase: step === 0 ? 'start' : step <= timeline.forward.length ? 'forward' : finished ? 'done' : 'backward',
  };
}

function positions(graph) {
  const columns = new Map();
  for (const node of graph.nodes) {
    // Unconnected variables go to the bottom of the first column.
    const column = node.onPath ? node.depth : 0;
    if (!columns.has(column)) columns.set(column, []);
    columns.get(column).push(node.index);
  }
  const columnCount = Math.max(...columns.keys()) + 1;
  const rowCount = Math.max(...[...columns.values()].map((list) => list.length));
  const height = MARGIN * 2 + rowCount * NODE_HEIGHT + (rowCount - 1) * ROW_GAP;
  const place = new Map();
  for (const [column, list] of columns) {
    const columnHeight = list.length * NODE_HEIGHT + (list.length - 1) * ROW_GAP;
    const top = (height - columnHeight) / 2;
    list.forEach((index, row) =>
      place.set(index, { x: MARGIN + column * (NODE_WIDTH + COLUMN_GAP), y: top + row * (NODE_HEIGHT + ROW_GAP) }),
    );
  }
  return { place, width: MARGIN * 2 + columnCount * NODE_WIDTH + (columnCount - 1) * COLUMN_GAP, height };
}

function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// Replaces the contents of `svg` with the graph; returns the node elements by index.
export function drawGraph(svg, graph, shown, { selected, outputName }) {
  const { place, width, height } = positions(graph);
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const edges = svgElement('g', { class: 'edges' });
  for (const edge of graph.edges) {
    const from = place.get(edge.from);
    const to = place.get(edge.to);
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2 + (edge.slot - 0.5) * 14 * (graph.nodes[edge.to].inputs.length - 1);
    const bend = Math.max(14, (x2 - x1) / 2);
    const backwardDone = shown.gradientShown.has(edge.from) && graph.nodes[edge.from].onPath;
    edges.append(
      svgElement('path', {
        d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        class: backwardDone ? 'edge backward' : 'edge',
        'marker-end': 'url(#arrow)',
      }),
    );
  }
  const defs = svgElement('defs', {});
  const marker = svgElement('marker', {
    id: 'arrow',
    viewBox: '0 0 8 8',
    refX: 8,
    refY: 4,
    markerWidth: 7,
    markerHeight: 7,
    orient: 'auto',
  });
  marker.append(svgElement('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrow-head' }));
  defs.append(marker);
  svg.append(defs, edges);

  const nodeElements = new Map();
  for (const node of graph.nodes) {
    const { x, y } = place.get(node.index);
    const valueKnown = shown.valueShown.has(node.index);
    const gradientKnown = shown.gradientShown.has(node.index);
    const classes = [
      'node',
      node.kind,
      node.onPath ? '' : 'unconnected',
      node.index === shown.current ? 'current' : '',
      node.index === selected ? 'selected' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const group = svgElement('g', {
      class: classes,
      tabindex: 0,
      role: 'button',
      'data-index': node.index,
      transform: `translate(${x},${y})`,
    });
    const name = node.index === graph.output ? `${nodeLabel(node)}  → ${outputName}` : nodeLabel(node);
    const valueText = valueKnown ? formatShort(node.value) : '·';
    const gradientText = gradientKnown && node.kind !== 'constant' ? `∂ ${formatShort(node.gradient)}` : '';
    // The name starts with the words the node shows, so voice control ("click ×") finds it; the
    // node's formula and what is not computed yet follow as its description.
    group.setAttribute(
      'aria-label',
      [name, valueKnown ? valueText : 'value not computed yet', gradientText].filter(Boolean).join(' '),
    );
    group.setAttribute(
      'aria-description',
      `${node.text}: value ${valueKnown ? formatShort(node.value) : 'not computed yet'}, gradient ${gradientKnown ? formatShort(node.gradient) : 'not computed yet'}`,
    );
    // The spaces between the lines are not drawn; they keep "x", "2" from reading as "x2" to a
    // tool that joins the node's text (axe's label-in-name check does).
    group.append(
      svgElement('rect', { width: NODE_WIDTH, height: NODE_HEIGHT, rx: node.inputs.length ? 10 : 4 }),
      svgElement('text', { x: NODE_WIDTH / 2, y: 17, class: 'label' }, name),
      ' ',
      svgElement('text', { x: NODE_WIDTH / 2, y: 34, class: 'value' }, valueText),
      ' ',
      svgElement('text', { x: NODE_WIDTH / 2, y: 50, class: 'gradient' }, gradientText),
    );
    svg.append(group);
    nodeElements.set(node.index, group);
  }
  return nodeElements;
}

// A sub-formula in a derivative's denominator: bare if it is a single name or number.
export const wrap = (text) => (/^[A-Za-z0-9_.]+$/.test(text) ? text : `(${text})`);

// Lines explaining one node: its forward value and how its gradient was assembled.
export function nodeDetail(graph, index, shown, outputName) {
  const node = graph.nodes[index];
  const lines = [];
  const valueKnown = shown.valueShown.has(index);
  if (node.kind === 'variable') lines.push(`${node.name} = ${formatShort(node.value)} (an input)`);
  else if (node.kind === 'constant') lines.push(`constant ${node.text}`);
  else
    lines.push(
      valueKnown
        ? `forward: ${node.text} = ${formatShort(node.value)}`
        : `forward: ${node.text} = ? (not computed yet)`,
    );
  if (node.kind === 'constant') return lines;
  if (!shown.gradientShown.has(index)) {
    lines.push('backward: not reached yet');
    return lines;
  }
  const d = (text) => `∂${outputName}/∂${wrap(text)}`;
  if (index === graph.output) {
    lines.push(`backward: ${d(node.text)} = 1 — the backward pass starts here`);
    return lines;
  }
  if (!node.onPath) {
    lines.push(`backward: no path to ${outputName}, so no gradient: ${d(node.text)} = 0`);
    return lines;
  }
  const outgoing = graph.edges.filter((edge) => edge.from === index);
  for (const edge of outgoing) {
    const consumer = graph.nodes[edge.to];
    lines.push(
      `from ${consumer.text}: incoming ${formatShort(edge.upstreamGradient)} × local ${formatShort(edge.localDerivative)} = outgoing ${formatShort(edge.contribution)}`,
    );
  }
  if (outgoing.length > 1) {
    lines.push(
      `fan-out: ${outgoing.map((edge) => formatShort(edge.contribution)).join(' + ')} = ${formatShort(node.gradient)} (the paths add up)`,
    );
  }
  lines.push(`${d(node.text)} = ${formatShort(node.gradient)}`);
  return lines;
}

// SVG styles for the graph, appended to the widget's styles.
export const GRAPH_STYLES = `
.graph-scroll { overflow-x: auto; border: 1px solid var(--border); border-radius: 6px;
  /* A shadow at an edge with more graph beyond it (covered by the local gradients at the ends). */
  background:
    linear-gradient(to right, var(--background) 40%, transparent) left / 36px 100% no-repeat local,
    linear-gradient(to left, var(--background) 40%, transparent) right / 36px 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, var(--scroll-shadow), transparent) left / 14px 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, var(--scroll-shadow), transparent) right / 14px 100% no-repeat scroll,
    var(--background);
  --scroll-shadow: light-dark(rgba(29, 36, 48, 0.28), rgba(0, 0, 0, 0.6)); }
.scroll-hint { font-size: 12px; color: var(--muted); margin: 2px 0 0; text-align: right; }
svg.graph { display: block; margin: 0 auto; font: 12px ui-monospace, Menlo, Consolas, monospace; }
svg.graph .edge { fill: none; stroke: var(--faint); stroke-width: 1.5; }
svg.graph .edge.backward { stroke: ${GRADIENT_COLOR}; stroke-opacity: 0.55; }
svg.graph .node rect { fill: var(--background); stroke: var(--faint); stroke-width: 1.5; }
svg.graph .node.variable rect { fill: var(--accent-soft); }
svg.graph .node.constant rect { fill: var(--panel); stroke-dasharray: 3 2; }
svg.graph .node.unconnected rect { stroke: var(--border); stroke-dasharray: 5 3; }
svg.graph .node.current rect { stroke: var(--highlight); stroke-width: 3; }
svg.graph .node.selected rect, svg.graph .node:focus-visible rect { stroke: var(--accent); stroke-width: 3; }
svg.graph .node { cursor: pointer; outline: none; }
svg.graph text { text-anchor: middle; }
svg.graph .label { font-weight: 700; fill: var(--text); }
svg.graph .value { fill: ${VALUE_COLOR}; }
svg.graph .gradient { fill: ${GRADIENT_COLOR}; }
svg.graph .arrow-head { fill: var(--faint); }
.legend { font-size: 12px; color: var(--muted); margin: 4px 0; }
.legend .v { color: ${VALUE_COLOR}; font-weight: 600; }
.legend .g { color: ${GRADIENT_COLOR}; font-weight: 600; }
.detail { font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); border-radius: 6px; padding: 6px 8px; margin: 6px 0; min-height: 3em; white-space: pre-line; overflow-wrap: anywhere; }
.values-row { display: flex; flex-wrap: wrap; gap: 6px 12px; grid-column: 1 / -1; }
.values-row .field { flex: 0 0 auto; }
`;
