// <descent-conv>: the convolution explorer. An input (a shape the core draws, an MNIST digit, or
// the learner's own drawing) goes through a convolution of hand-set kernels, an activation and
// optional pooling — the core's own Conv2d and pooling modules (exploreConvolution). The window
// slides step by step (play / step / scrub); any feature-map cell's sum of products is written
// out; any output cell's gradient is carried back to the input; a stack of layers shows which
// pixels one output sees (receptiveFieldMap); a table compares a standard convolution's cost with
// depthwise-separable and bottleneck ones (convolutionCosts). Every number is the core's.
import { readCoreCatalogs } from '../../core-catalogs.js';
import { loadDigits } from '../../data/digits.js';
import { cellAt, drawImage, drawMaps, largestMagnitude, mapLayout } from '../../ui/cell-grid.js';
import { createButton } from '../../ui/controls.js';
import { DRAWING_LEVELS, DrawingPad } from '../../ui/drawing-pad.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { themeOf } from '../../ui/palette.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { KernelEditor } from './kernel-editor.js';
import { counted, formatTerm, formatValue } from './numbers.js';
import { renderCostPanel, renderFieldPanel, renderGradientPanel } from './panels.js';
import { KERNEL_LABELS, STATE_ATTRIBUTES, clampCell, convSchema, paddingOf } from './state.js';
import { STYLES, TEMPLATE } from './template.js';

export class DescentConv extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'vision';

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
    renderGradientPanel(this.parts, this.run, this.config, this.filterIndex);
    renderFieldPanel(this.parts, this.run, this.schemaByName.get('field').format(this.config.field));
    renderCostPanel(this.parts, this.run.costs, this.config);
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
}
