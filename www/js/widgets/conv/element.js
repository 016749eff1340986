// <descent-conv>: the convolution explorer. An input (a shape the core draws, an MNIST digit, or
// the learner's own drawing) goes through a convolution of hand-set kernels, an activation and
// optional pooling — the core's own Conv2d and pooling modules (exploreConvolution). The window
// slides step by step (play / step / scrub); any feature-map cell's sum of products is written
// out; any output cell's gradient is carried back to the input; a stack of layers shows which
// pixels one output sees (receptiveFieldMap); a table compares a standard convolution's cost with
// depthwise-separable and bottleneck ones (convolutionCosts). Every number is the core's.
import { readCoreCatalogs } from '../../core-catalogs.js';
import { loadDigits } from '../../data/digits.js';
import { createButton } from '../../ui/controls.js';
import { formatNumber } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { themeOf } from '../../ui/palette.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { KernelEditor } from './kernel-editor.js';
import { DrawingPad } from './drawing-pad.js';
import { cellAt, countColor, divergingColor, drawImage, drawMaps, largestMagnitude, mapLayout } from './plot.js';
import { DRAWING_LEVELS, KERNEL_LABELS, STATE_ATTRIBUTES, convSchema } from './state.js';

const STYLES = `
.panels { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
@media (max-width: 640px) { .panels { grid-template-columns: minmax(0, 1fr); } }
.panel-title { font-weight: 600; font-size: 14px; margin: 12px 0 4px; border-top: 1px solid var(--border); padding-top: 8px; }
.panels .panel-title { border-top: none; margin-top: 0; padding-top: 0; }
canvas.input { aspect-ratio: 1; max-width: 360px; touch-action: none; cursor: crosshair; }
canvas.maps { cursor: pointer; touch-action: pan-y; }
canvas.square { aspect-ratio: 1; max-width: 300px; }
.kernel-grid { display: grid; gap: 3px; margin: 6px 0; max-width: 320px; }
.kernel-grid input { width: 100%; min-width: 0; min-height: 32px; font: 13px ui-monospace, monospace; text-align: right; padding: 2px 4px; border: 1px solid var(--border); border-radius: 4px; background: var(--background); color: var(--text); }
.filter-tabs { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.filter-tabs button[aria-pressed='true'] { background: var(--accent); color: var(--on-accent); }
table.costs { border-collapse: collapse; font-size: 13px; width: 100%; }
table.costs th, table.costs td { padding: 3px 6px; border-bottom: 1px solid var(--border); text-align: right; }
table.costs th:first-child, table.costs td:first-child { text-align: left; }
.table-scroll { overflow-x: auto; }
.hint { color: var(--muted); font-size: 12px; }
[data-role='field-controls'] input.number { width: 16em; }
.position-row { display: flex; gap: 8px; align-items: center; font-size: 13px; }
.position-row input[type=range] { flex: 1; min-width: 0; min-height: 24px; accent-color: var(--accent); }
`;

// A lesson's experiments read a widget's readout, status and finish-board (www/js/site/
// lesson-expect.js): here the written-out sum, the shapes line, and everything from the backward
// pass to the costs (the gradient, field and cost lines).
const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Convolution explorer</strong><span class="formula">z = b + Σ input·weight, output side ⌊(W + 2P − D(K − 1) − 1)/S⌋ + 1</span></div>
  <div data-role="status"><div class="readout" data-role="shapes" aria-live="polite" data-loading>Loading the simulation core…</div></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="panels">
    <div>
      <div class="panel-title">Input <span class="hint" data-role="input-hint"></span></div>
      <canvas class="input" data-role="plot" tabindex="0" role="img"></canvas>
      <div class="hint">Draw with the mouse or a finger (Shift or right button erases); with the picture focused, arrow keys move the pen and Space paints.</div>
      <div class="hint" data-role="credit"></div>
      <div class="input-actions" data-role="input-actions"></div>
    </div>
    <div>
      <div class="panel-title">Kernel of filter <span data-role="filter-number">1</span></div>
      <div data-role="kernel-editor"></div>
    </div>
  </div>
  <div class="controls" data-role="controls"></div>
  <div class="panel-title">Feature maps <span class="hint">(hover, tap or use the arrow keys to read a cell; click to trace it back)</span></div>
  <canvas class="maps" data-role="maps" tabindex="0" role="img"></canvas>
  <div class="readout" data-role="readout" aria-live="polite"></div>
  <div class="transport" data-role="transport"></div>
  <div class="position-row"><label for="position">Window position</label><input type="range" id="position" data-role="position" min="0" max="1" step="1" value="0"></div>
  <div data-role="pool-panel">
    <div class="panel-title">After pooling</div>
    <canvas class="maps" data-role="pooled" tabindex="0" role="img"></canvas>
  </div>
  <div class="controls" data-role="pool-controls"></div>
  <div data-role="finish-board">
  <div class="panel-title">Backward: the gradient of one output cell</div>
  <div class="status" data-role="gradient-status" aria-live="polite"></div>
  <div class="panels">
    <div><div class="hint">∂ output / ∂ input (summed over channels)</div><canvas class="square" data-role="input-gradient" role="img"></canvas></div>
    <div><div class="hint">∂ output / ∂ feature map z</div><canvas class="square" data-role="map-gradient" role="img"></canvas></div>
  </div>
  <div class="panel-title">Receptive field of a stack</div>
  <div class="status" data-role="field-status" aria-live="polite"></div>
  <canvas class="square" data-role="field" tabindex="0" role="img"></canvas>
  <div class="controls" data-role="field-controls"></div>
  <div class="panel-title">What a layer costs</div>
  <div class="table-scroll"><table class="costs" data-role="costs"></table></div>
  <div class="status" data-role="cost-status" aria-live="polite"></div>
  <div class="controls" data-role="cost-controls"></div>
  </div>
</div>`;

const FIELD_COLOR_KEY = 'highlight';

// padding attribute → zeros per side: 'same' keeps the size at stride 1 (D·(K − 1)/2, rounded down
// when the dilated span is even).
function paddingOf(state) {
  if (state.padding === 'valid') return 0;
  if (state.padding === 'same') return Math.floor((state.dilation * (state.kernel - 1)) / 2);
  return state.padding;
}

function clampCell([row, column], height, width) {
  return [Math.min(Math.max(0, row), height - 1), Math.min(Math.max(0, column), width - 1)];
}

// A sum's numbers: at most 3 decimals without trailing zeros, a true minus sign, and a negative
// factor in parentheses ("0.5·(−1)").
const formatValue = (value) => String(Number(value.toFixed(3))).replace('-', '−');
const formatTerm = (value) => (value < 0 ? `(${formatValue(value)})` : formatValue(value));

// 1,179,648: thousands grouped by hand (the first toLocaleString of a page costs ~15 ms of ICU set-up).
const grouped = (value) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const counted = (value, noun) => `${grouped(value)} ${noun}${Math.round(value) === 1 ? '' : 's'}`;

export class DescentConv extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;

  constructor() {
    super(WIDGET_STYLES + STYLES, TEMPLATE);
    this.transportNoun = 'sliding window';
    this.reducedMotionMaxSpeed = 4;
    this.run = null;
    this.digits = null; // {test: {pixels, labels}, width, height} once loaded
    this.digitsLoading = null;
    this.hoverCell = null; // a feature-map cell under the pointer: explained until the pointer leaves
    // Scrubbing: the window jumps to any position of its sweep.
    this.parts.position.addEventListener('input', () => {
      this.animator.pause();
      this.hoverCell = null;
      this.shownStep = Number(this.parts.position.value);
      this.render();
    });
  }

  renderTransport() {
    super.renderTransport();
    if (!this.run) return;
    const slider = this.parts.position;
    slider.max = String(this.lastStep);
    slider.value = String(Math.min(this.shownStep, this.lastStep));
    const [row, column] = this.explainedCell();
    slider.setAttribute('aria-valuetext', `row ${row}, column ${column}`);
  }

  get lastStep() {
    return this.run ? this.run.conv.convHeight * this.run.conv.convWidth - 1 : 0;
  }

  prepare() {
    this.convCatalog = readCoreCatalogs(this.core).conv;
    this.schema = convSchema(this.convCatalog);
    return '';
  }

  // ---- simulation ----

  // The input image of the state: {channels, height, width, pixels}, or null while digits load.
  readImage(state) {
    if (state.image === 'digit') {
      if (!this.digits) {
        this.startLoadingDigits();
        return null;
      }
      const { width, height, test } = this.digits;
      const size = width * height;
      const pixels = Float32Array.from(
        test.pixels.subarray(state.digit * size, (state.digit + 1) * size),
        (v) => v / 255,
      );
      return { channels: 1, height, width, pixels, label: test.labels[state.digit] };
    }
    if (state.image === 'drawing') {
      const drawing = state.pixels ?? { side: state.size, levels: new Array(state.size * state.size).fill(0) };
      const pixels = Float32Array.from(drawing.levels, (level) => level / DRAWING_LEVELS);
      return { channels: 1, height: drawing.side, width: drawing.side, pixels };
    }
    const shape = this.api.proceduralImage({
      shape: state.image,
      size: state.size,
      jitter: state.jitter,
      noise: state.noise,
      seed: state.seed,
    });
    return { channels: shape.channels, height: shape.size, width: shape.size, pixels: shape.pixels };
  }

  startLoadingDigits() {
    if (this.digitsLoading) return;
    this.parts['input-hint'].textContent = 'loading the digits…';
    this.digitsLoading = loadDigits().then(
      (digits) => {
        this.digits = digits;
        this.scheduleUpdate();
      },
      (error) => {
        this.digitsLoading = null;
        this.parts['input-hint'].textContent = '';
        this.parts.shapes.textContent = '';
        this.parts.error.textContent = error.message;
      },
    );
  }

  // Every filter's K·K weights in one list (presets from the core, numbers as given), or a message.
  kernelWeights(kernels, size) {
    const weights = [];
    for (const [index, kernel] of kernels.entries()) {
      if (typeof kernel === 'string') {
        weights.push(...this.api.kernelPreset({ name: kernel, size }).weights);
      } else if (kernel.length !== size * size || !kernel.every(Number.isFinite)) {
        return `kernel ${index + 1} has ${kernel.length} numbers; a ${size}×${size} kernel needs ${size * size}`;
      } else {
        weights.push(...kernel);
      }
    }
    return weights;
  }

  simulate(state) {
    const image = this.readImage(state);
    if (!image) {
      this.run = null;
      return '';
    }
    const filters = state.kernels.length;
    const weights = this.kernelWeights(state.kernels, state.kernel);
    if (typeof weights === 'string') return weights;
    const groups = state.depthwise ? image.channels : 1;
    if (state.depthwise && filters % image.channels !== 0) {
      return `a depthwise convolution of a ${image.channels}-channel image needs a multiple of ${image.channels} kernels (one per channel), got ${filters}`;
    }
    const padding = paddingOf(state);
    const request = {
      channels: image.channels,
      height: image.height,
      width: image.width,
      image: image.pixels,
      filters,
      convolution: { kernel: state.kernel, stride: state.stride, padding, dilation: state.dilation },
      groups,
      kernels: weights,
      activation: state.activation,
      pool: state.pool,
      poolWindow: { kernel: state['pool-size'], stride: state['pool-stride'] ?? state['pool-size'] },
    };
    const filter = Math.min(state.filter, filters) - 1;
    // A first call sizes the maps (the cells may have to be clamped into them); a cheap one.
    const sizes = this.api.exploreConvolution(request);
    const notes = [];
    const centre = (height, width) => [Math.floor(height / 2), Math.floor(width / 2)];
    const explained =
      state.cell === null
        ? centre(sizes.convHeight, sizes.convWidth)
        : clampCell(state.cell, sizes.convHeight, sizes.convWidth);
    const traced =
      state.trace === null
        ? centre(sizes.outputHeight, sizes.outputWidth)
        : clampCell(state.trace, sizes.outputHeight, sizes.outputWidth);
    if (state.cell && explained.join() !== state.cell.join())
      notes.push(`cell ${state.cell.join(',')} is outside the map: showing ${explained.join(',')}`);
    if (state.trace && traced.join() !== state.trace.join())
      notes.push(`trace ${state.trace.join(',')} is outside the output: tracing ${traced.join(',')}`);
    // Every core call that can fail comes before the fields change: after an error the last good
    // result stays whole, and render() describes it with the state it was computed from (config).
    const field = this.fieldMap(state, image);
    const costs = this.api.convolutionCosts({
      inputChannels: state['cost-in'],
      outputChannels: state['cost-out'],
      kernel: state.kernel,
      height: state['cost-size'],
      width: state['cost-size'],
      bottleneck: state.bottleneck,
    });
    const conv = this.api.exploreConvolution({
      ...request,
      explainedCell: { channel: filter, row: explained[0], column: explained[1] },
      tracedCell: { channel: filter, row: traced[0], column: traced[1] },
    });
    this.request = request;
    this.filterIndex = filter;
    this.focusCell = explained;
    this.sum = conv.explained;
    this.sumKey = `${filter}:${explained.join(',')}`;
    this.run = { image, padding, weights, conv, traced, field, costs, notes };
    this.config = { ...state };
    return '';
  }

  // The core's result with `cell` of the shown filter explained (only its sum is read: the run's
  // maps and gradient stay those of simulate()).
  explore([row, column]) {
    return this.api.exploreConvolution({
      ...this.request,
      explainedCell: { channel: this.filterIndex, row, column },
    });
  }

  fieldMap(state, image) {
    const layers = state.field.map(({ kernel, stride, padding, dilation }) => ({ kernel, stride, padding, dilation }));
    const request = { height: image.height, width: image.width, layers, row: 0, column: 0 };
    const first = this.api.receptiveFieldMap(request);
    const height = first.heights.at(-1);
    const width = first.widths.at(-1);
    const [row, column] =
      state['field-cell'] === null
        ? [Math.floor(height / 2), Math.floor(width / 2)]
        : clampCell(state['field-cell'], height, width);
    return { ...this.api.receptiveFieldMap({ ...request, row, column }), row, column };
  }

  // The cell explained now: the window's position while it slides, else the hovered or chosen one.
  explainedCell() {
    const { convWidth } = this.run.conv;
    if (this.shownStep < this.lastStep) return [Math.floor(this.shownStep / convWidth), this.shownStep % convWidth];
    return this.hoverCell ?? this.focusCell;
  }

  // ---- controls ----

  buildControls() {
    this.controls = {};
    const add = (part, list) => {
      for (const name of list) this.controls[name] = this.schemaControl(name);
      this.parts[part].append(...list.map((name) => this.controls[name].element));
    };
    add('controls', [
      'image',
      'size',
      'digit',
      'noise',
      'jitter',
      'seed',
      'kernel',
      'stride',
      'padding',
      'dilation',
      'depthwise',
      'activation',
    ]);
    add('pool-controls', ['pool', 'pool-size', 'pool-stride']);
    add('field-controls', ['field', 'field-cell']);
    add('cost-controls', ['cost-in', 'cost-out', 'cost-size', 'bottleneck']);
    this.parts['pool-panel'].before(this.parts['pool-controls']);
    this.kernelEditor = new KernelEditor(this.parts['kernel-editor'], {
      presets: this.convCatalog.kernels,
      labels: KERNEL_LABELS,
      maxFilters: this.convCatalog.limits.maxFilters,
      onKernels: (text) => this.applyControl('kernels', text),
      onFilter: (number) => this.applyControl('filter', String(number)),
    });
    this.buildTransport();
    this.drawingPad = new DrawingPad(this.parts.plot, {
      geometry: () => this.inputGeometry,
      image: () => this.run?.image,
      onDraw: (drawing) => {
        this.setAttribute('image', 'drawing');
        this.applyControl('pixels', drawing);
      },
    });
    for (const type of ['pen-move', 'focus', 'blur'])
      this.parts.plot.addEventListener(type, () => this.run && this.renderInput());
    this.bindMapPointer(this.parts.maps, false);
    this.bindMapPointer(this.parts.pooled, true);
    this.parts['input-actions'].append(
      createButton({ label: 'Clear drawing', title: 'Start a blank drawing', onClick: () => this.clearDrawing() }),
    );
  }

  clearDrawing() {
    const side = this.run?.image.height ?? this.state.size;
    this.setAttribute('image', 'drawing');
    this.applyControl('pixels', `${side}:${'0'.repeat(side * side)}`);
  }

  // Pointer and keyboard on a map canvas: hover explains a feature-map cell; a click (or Enter)
  // traces an output cell back (on the pooled maps, or on the feature maps without pooling).
  bindMapPointer(canvas, pooled) {
    const cellOf = (event) => {
      const layout = pooled ? this.pooledLayout : this.mapsLayout;
      if (!layout) return null;
      const rect = canvas.getBoundingClientRect();
      return cellAt(layout, event.clientX - rect.left, event.clientY - rect.top);
    };
    const traces = () => pooled || this.state.pool === 'none';
    canvas.addEventListener('pointermove', (event) => {
      if (pooled) return;
      const cell = cellOf(event);
      if (!cell) return;
      this.animator.pause();
      this.shownStep = this.lastStep;
      this.hoverCell = [cell.row, cell.column];
      if (cell.map !== this.filterIndex) this.applyControl('filter', String(cell.map + 1));
      else this.render();
    });
    canvas.addEventListener('pointerleave', () => {
      if (pooled || !this.hoverCell) return;
      this.hoverCell = null;
      this.render();
    });
    canvas.addEventListener('click', (event) => {
      const cell = cellOf(event);
      if (!cell) return;
      this.setAttribute('filter', String(cell.map + 1));
      if (!pooled) this.setAttribute('cell', `${cell.row},${cell.column}`);
      if (traces()) this.setAttribute('trace', `${cell.row},${cell.column}`);
    });
    canvas.addEventListener('keydown', (event) => {
      const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
      if (!this.run) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        const [row, column] = pooled ? this.run.traced : this.explainedCell();
        if (traces()) this.setAttribute('trace', `${row},${column}`);
        return;
      }
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      const height = pooled ? this.run.conv.outputHeight : this.run.conv.convHeight;
      const width = pooled ? this.run.conv.outputWidth : this.run.conv.convWidth;
      const from = pooled ? this.run.traced : this.explainedCell();
      const next = clampCell([from[0] + move[0], from[1] + move[1]], height, width);
      this.setAttribute(pooled ? 'trace' : 'cell', next.join(','));
    });
  }

  syncControls() {
    if (!this.state) return;
    for (const [name, control] of Object.entries(this.controls)) {
      const entry = this.schemaByName.get(name);
      const value = this.state[name];
      if (entry.type === 'boolean') control.setValue(value);
      else control.setValue(value === null ? '' : entry.format ? entry.format(value) : String(value));
    }
    const image = this.state.image;
    this.controls.size.element.hidden = image === 'digit' || image === 'drawing';
    this.controls.digit.element.hidden = image !== 'digit';
    for (const name of ['noise', 'jitter', 'seed'])
      this.controls[name].element.hidden = image === 'digit' || image === 'drawing';
    for (const name of ['pool-size', 'pool-stride']) this.controls[name].element.hidden = this.state.pool === 'none';
    this.parts['pool-panel'].hidden = this.state.pool === 'none';
    const filter = Math.min(this.state.filter, this.state.kernels.length);
    this.parts['filter-number'].textContent = String(filter);
    this.kernelEditor.show(this.state.kernels, filter - 1, this.run?.weights, this.state.kernel);
  }

  // ---- drawing ----

  render() {
    this.renderTransport();
    if (!this.run) {
      this.parts.shapes.textContent = this.state?.image === 'digit' ? 'Loading the handwritten digits…' : '';
      return;
    }
    const width = this.parts.maps.clientWidth || 600;
    this.renderInput();
    this.renderMaps(width);
    this.renderShapes();
    this.renderGradient();
    this.renderField();
    this.renderCosts();
  }

  renderInput() {
    const { image, padding } = this.run;
    const side = Math.min(360, this.parts.plot.clientWidth || 300);
    const context = prepareCanvas(this.parts.plot, side, side);
    const theme = themeOf(context);
    const [row, column] = this.explainedCell();
    const sum = this.currentSum();
    // The window's taps, in padded coordinates, for the explained cell.
    const marks = Array.from(sum.rows, (r, k) => ({
      row: r,
      column: sum.columns[k],
      color: theme.highlight,
      lineWidth: 2,
    }));
    if (this.shadowRoot.activeElement === this.parts.plot) {
      const [penRow, penColumn] = this.drawingPad.pen;
      marks.push({ row: penRow, column: penColumn, color: theme.accent, lineWidth: 3 });
    }
    this.inputGeometry = drawImage(context, side, side, image, { padding, marks });
    const label = image.label === undefined ? '' : `, labelled ${image.label}`;
    this.parts.credit.textContent = image.label === undefined ? '' : this.digits.credit;
    this.parts['input-hint'].textContent = `${image.channels}×${image.height}×${image.width}${label}`;
    this.parts.plot.setAttribute(
      'aria-label',
      `Input image ${image.channels}×${image.height}×${image.width}${label}; the window of cell (${row}, ${column}) is outlined`,
    );
  }

  // The explained cell's sum, from the core: the last simulate() call, or a fresh one when the
  // window has moved on.
  currentSum() {
    const cell = this.explainedCell();
    const key = `${this.filterIndex}:${cell.join(',')}`;
    if (this.sumKey !== key) {
      this.sum = this.explore(cell).explained;
      this.sumKey = key;
    }
    return this.sum;
  }

  renderMaps(width) {
    const { conv } = this.run;
    const filters = this.request.filters;
    const names = this.config.kernels.map((kernel, k) => `${k + 1}: ${typeof kernel === 'string' ? kernel : 'custom'}`);
    const shown = this.config.activation === 'relu' ? conv.activated : conv.featureMaps;
    const layout = mapLayout(width, filters, conv.convHeight, conv.convWidth);
    const context = prepareCanvas(this.parts.maps, width, layout.height);
    const theme = themeOf(context);
    const [row, column] = this.explainedCell();
    const sliding = this.shownStep < this.lastStep;
    const marks = [{ map: this.filterIndex, row, column, color: theme.highlight }];
    if (this.config.pool === 'none')
      marks.push({
        map: this.filterIndex,
        row: this.run.traced[0],
        column: this.run.traced[1],
        color: theme.text,
        lineWidth: 1,
      });
    drawMaps(context, layout, {
      values: shown,
      labels: names,
      scale: largestMagnitude(shown),
      revealed: sliding ? this.shownStep + 1 : Infinity,
      marks,
      highlighted: this.filterIndex,
    });
    this.mapsLayout = layout;
    const what = this.config.activation === 'relu' ? 'ReLU(z)' : 'z';
    this.parts.maps.setAttribute(
      'aria-label',
      `${filters} feature maps of ${conv.convHeight}×${conv.convWidth} (${what}); arrow keys move the explained cell`,
    );
    this.renderSum();
    if (this.config.pool !== 'none') {
      const pooledLayout = mapLayout(width, filters, conv.outputHeight, conv.outputWidth);
      const pooledContext = prepareCanvas(this.parts.pooled, width, pooledLayout.height);
      drawMaps(pooledContext, pooledLayout, {
        values: conv.pooled,
        labels: names,
        scale: largestMagnitude(conv.pooled),
        marks: [{ map: this.filterIndex, row: this.run.traced[0], column: this.run.traced[1], color: theme.highlight }],
        highlighted: this.filterIndex,
      });
      this.pooledLayout = pooledLayout;
      this.parts.pooled.setAttribute(
        'aria-label',
        `${filters} pooled maps of ${conv.outputHeight}×${conv.outputWidth}; arrow keys move the traced cell`,
      );
    }
  }

  renderSum() {
    const sum = this.currentSum();
    const [row, column] = this.explainedCell();
    const terms = Array.from(sum.products, (_, k) => `${formatTerm(sum.inputs[k])}·${formatTerm(sum.weights[k])}`);
    const shownTerms = terms.length > 12 ? [...terms.slice(0, 9), `… (${terms.length} terms)`] : terms;
    const bias = sum.bias !== 0 ? ` + ${formatTerm(sum.bias)}` : '';
    const activated = this.config.activation === 'relu' ? `, ReLU → ${formatValue(sum.activated)}` : '';
    this.parts.readout.textContent = `Filter ${this.filterIndex + 1} at (${row}, ${column}): z = ${shownTerms.join(' + ')}${bias} = ${formatValue(sum.value)}${activated}`;
  }

  renderShapes() {
    const { image, conv, padding } = this.run;
    const s = this.config;
    const filters = this.request.filters;
    const groups = this.request.groups;
    const pool =
      s.pool === 'none'
        ? ''
        : ` → ${s.pool} pool ${s['pool-size']}×${s['pool-size']}/${s['pool-stride'] ?? s['pool-size']} → ${filters}×${conv.outputHeight}×${conv.outputWidth}`;
    const rule = `W_out = ⌊(${image.width} + 2·${padding} − ${s.dilation}·(${s.kernel} − 1) − 1)/${s.stride}⌋ + 1 = ${conv.convWidth}`;
    this.parts.shapes.textContent =
      `${image.channels}×${image.height}×${image.width} → conv ${filters}@${s.kernel}×${s.kernel}` +
      `${groups > 1 ? `, groups ${groups}` : ''} → ${filters}×${conv.convHeight}×${conv.convWidth}${pool} | ` +
      `${counted(conv.parameterCount, 'weight')}, ${counted(conv.multiplyAdds, 'multiply-add')} | ${rule}` +
      (this.run.notes.length ? ` | ${this.run.notes.join('; ')}` : '');
  }

  renderGradient() {
    const { image, conv, traced } = this.run;
    const side = Math.min(300, this.parts['input-gradient'].clientWidth || 260);
    const context = prepareCanvas(this.parts['input-gradient'], side, side);
    const theme = themeOf(context);
    const plane = image.height * image.width;
    const summed = new Float32Array(plane);
    for (let c = 0; c < image.channels; c++)
      for (let i = 0; i < plane; i++) summed[i] += conv.inputGradient[c * plane + i];
    const scale = largestMagnitude(summed);
    drawImage(context, side, side, image, { overlay: { colorOf: (i) => divergingColor(summed[i], scale, theme) } });
    const mapPlane = conv.convHeight * conv.convWidth;
    const mapGradient = conv.featureMapGradient.subarray(
      this.filterIndex * mapPlane,
      (this.filterIndex + 1) * mapPlane,
    );
    const mapContext = prepareCanvas(this.parts['map-gradient'], side, side);
    const mapScale = largestMagnitude(mapGradient);
    drawImage(
      mapContext,
      side,
      side,
      { channels: 1, height: conv.convHeight, width: conv.convWidth, pixels: new Float32Array(mapPlane) },
      { overlay: { colorOf: (i) => divergingColor(mapGradient[i], mapScale, theme) } },
    );
    const nonZero = summed.reduce((count, value) => count + (value !== 0), 0);
    const mapNonZero = mapGradient.reduce((count, value) => count + (value !== 0), 0);
    const where = this.config.pool === 'none' ? 'feature map' : `pooled map`;
    const routing = {
      max: ' (max pooling sends it to the largest value of the window only)',
      average: ' (average pooling shares it equally over the window)',
      none: '',
    }[this.config.pool];
    const status = `Cell (${traced[0]}, ${traced[1]}) of ${where} ${this.filterIndex + 1}: ${mapNonZero} of ${mapPlane} feature-map cells and ${nonZero} of ${plane} input pixels get a non-zero gradient${routing}. Its value: ${this.tracedValue()}`;
    this.parts['gradient-status'].textContent = status;
    this.parts['input-gradient'].setAttribute(
      'aria-label',
      `Gradient of the traced cell with respect to the input: ${nonZero} non-zero pixels`,
    );
    this.parts['map-gradient'].setAttribute(
      'aria-label',
      `Gradient of the traced cell with respect to feature map ${this.filterIndex + 1}: ${mapNonZero} non-zero cells`,
    );
  }

  // The traced output cell's value, from the core's maps; pooled, with the window it pooled.
  tracedValue() {
    const { conv, traced } = this.run;
    const s = this.config;
    const relu = s.activation === 'relu';
    const shown = relu ? conv.activated : conv.featureMaps;
    const mapStart = this.filterIndex * conv.convHeight * conv.convWidth;
    const [row, column] = traced;
    if (s.pool === 'none') {
      return `${relu ? 'ReLU(z)' : 'z'} = ${formatValue(shown[mapStart + row * conv.convWidth + column])}`;
    }
    const size = s['pool-size'];
    const stride = s['pool-stride'] ?? size;
    const window = [];
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++)
        window.push(formatValue(shown[mapStart + (row * stride + r) * conv.convWidth + column * stride + c]));
    const pooledAt = (this.filterIndex * conv.outputHeight + row) * conv.outputWidth + column;
    return `${s.pool === 'max' ? 'max' : 'mean'}(${window.join(', ')}) = ${formatValue(conv.pooled[pooledAt])}`;
  }

  renderField() {
    const { image, field } = this.run;
    const side = Math.min(300, this.parts.field.clientWidth || 260);
    const context = prepareCanvas(this.parts.field, side, side);
    const theme = themeOf(context);
    const largest = Math.max(...field.paths);
    // Room for the field where it reaches past the image into the padding.
    const margin = Math.max(
      0,
      -field.firstRow,
      -field.firstColumn,
      field.lastRow - image.height + 1,
      field.lastColumn - image.width + 1,
    );
    drawImage(context, side, side, image, {
      padding: Math.min(margin, 12),
      overlay: { colorOf: (i) => countColor(field.paths[i], largest, theme) },
      box: { ...field, color: theme[FIELD_COLOR_KEY] },
    });
    const stack = this.schemaByName.get('field').format(this.config.field);
    const seen = field.paths.reduce((count, value) => count + (value > 0), 0);
    const last = field.sizes.length - 1;
    this.parts['field-status'].textContent =
      `${stack}: output ${field.heights[last]}×${field.widths[last]}, field ${field.sizes[last]}×${field.sizes[last]} pixels, jump ${field.jumps[last]}; ` +
      `cell (${field.row}, ${field.column}) sees rows ${field.firstRow}–${field.lastRow}, columns ${field.firstColumn}–${field.lastColumn}: ${seen} pixels of the image, up to ${counted(largest, 'path')} to one pixel`;
    this.parts.field.setAttribute(
      'aria-label',
      `Receptive field of cell (${field.row}, ${field.column}): ${seen} input pixels shaded by path count`,
    );
  }

  renderCosts() {
    const { costs } = this.run;
    const s = this.config;
    const k = `${s.kernel}×${s.kernel}`;
    const rows = [
      [`Standard ${k}`, costs.standard],
      [`Depthwise ${k} (one per channel)`, costs.depthwise],
      ['Pointwise 1×1', costs.pointwise],
      [`Depthwise separable = both`, costs.separable],
      [`1×1 down to ${s.bottleneck} channels`, costs.reduction],
      [`${k} from ${s.bottleneck} channels`, costs.bottlenecked],
      [`Bottleneck = both`, costs.bottleneck],
    ];
    const ratio = (cost) => `${formatNumber(costs.standard.multiplyAdds / cost.multiplyAdds, 2)}×`;
    const table = this.parts.costs;
    table.replaceChildren();
    const caption = table.createCaption();
    caption.className = 'hint';
    caption.textContent = `${s['cost-size']}×${s['cost-size']}×${s['cost-in']} → ${s['cost-size']}×${s['cost-size']}×${s['cost-out']}, weights only (no biases), one image`;
    const head = table.createTHead().insertRow();
    for (const text of ['Layer', 'Weights', 'Multiply-adds', 'Cheaper than standard']) {
      const cell = document.createElement('th');
      cell.textContent = text;
      head.append(cell);
    }
    // Multiply-adds against the standard layer's, said the way round that reads as a saving or a cost.
    const cheaper = (cost) => {
      const factor = costs.standard.multiplyAdds / cost.multiplyAdds;
      const comparison = factor >= 1 ? `${formatNumber(factor, 2)}× cheaper` : `${formatNumber(1 / factor, 2)}× dearer`;
      return `${grouped(cost.weights)} weights, ${comparison}`;
    };
    this.parts['cost-status'].textContent =
      `Standard ${k}: ${grouped(costs.standard.weights)} weights, ${grouped(costs.standard.multiplyAdds)} multiply-adds | ` +
      `depthwise separable: ${cheaper(costs.separable)} | bottleneck through ${s.bottleneck}: ${cheaper(costs.bottleneck)}`;
    const body = table.createTBody();
    for (const [label, cost] of rows) {
      const row = body.insertRow();
      const total = label.endsWith('both') || label.startsWith('Standard');
      for (const text of [label, grouped(cost.weights), grouped(cost.multiplyAdds), total ? ratio(cost) : '']) {
        const cell = row.insertCell();
        cell.textContent = text;
        if (total) cell.style.fontWeight = '600';
      }
    }
  }
}
