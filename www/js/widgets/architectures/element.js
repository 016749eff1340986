// <descent-architectures>: the core's architecture calculator. A real CNN (LeNet-5, AlexNet,
// VGG-16, ResNet-18/50, GoogLeNet, MobileNet v1 — whatever architectureCatalog() lists) at its
// published input size, layer by layer: output shape, parameters, multiply-adds and receptive
// field in a table; the totals; one bar per layer for the parameters and for the multiply-adds
// (linear or log scale), which show where the parameters are and where the compute is; and a
// second network's totals side by side. Every number is the core's (architectureTable); the
// widget only adds them up for the percentages and formats them.
import { createSelect } from '../../ui/controls.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { formatCount } from '../../ui/format.js';
import { readCoreCatalogs } from '../../core-catalogs.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { drawLayerBars, legendOf } from './plot.js';
import { STATE_ATTRIBUTES, architecturesSchema, shortTitle } from './state.js';

const STYLES = `
canvas.plot, canvas.chart { cursor: pointer; touch-action: pan-y; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted); margin: 2px 0 4px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 5px; }
.compare { margin: 6px 0; }
.compare table { font-size: 13px; }
@media (max-width: 420px) { .compare table { font-size: 11.5px; } .compare th, .compare td { padding: 3px 3px; } }
.compare td.value { text-align: right; }
.compare .bar { height: 6px; border-radius: 3px; background: var(--accent); margin-top: 2px; min-width: 2px; }
.compare .bar.second { background: var(--secondary); }
.layers-box { max-height: 380px; overflow: auto; border: 1px solid var(--border); border-radius: 6px; margin-top: 4px;
  /* Scroll shadows: a dark edge appears on the side where more of the table is hidden. */
  background: linear-gradient(to right, var(--background) 30%, transparent) left / 28px 100% no-repeat local,
    linear-gradient(to left, var(--background) 30%, transparent) right / 28px 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,0.22), transparent) left / 12px 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,0.22), transparent) right / 12px 100% no-repeat scroll; }
.layers th { position: sticky; top: 0; background: var(--panel); white-space: nowrap; }
.layers td.value, .layers th.value { text-align: right; }
.layers td.name { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
.layers tbody tr { cursor: pointer; }
.layers tbody tr:hover { background: var(--accent-soft); }
.layers tr.picked { background: var(--highlight-soft); box-shadow: inset 3px 0 0 var(--highlight); }
.layers tfoot td { font-weight: 600; border-top: 2px solid var(--border); position: sticky; bottom: 0; background: var(--panel); }
.scroll-hint { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Architectures, computed</strong><span class="formula" data-role="formula"></span></div>
  <div class="controls" data-role="controls"></div>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status" aria-live="polite"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="compare table-scroll" data-role="compare" hidden></div>
  <div class="legend" data-role="legend"></div>
  <div class="chart-caption" data-role="plot-caption"></div>
  <canvas class="plot" data-role="plot" tabindex="0" role="img"></canvas>
  <div class="chart-caption" data-role="macs-caption"></div>
  <canvas class="chart" data-role="macs" tabindex="0" role="img"></canvas>
  <div class="chart-caption">Layer by layer (click a row to pick it; sums in the last row)</div>
  <p class="scroll-hint" data-role="scroll-hint" hidden>The table is wider than this box: scroll it sideways →</p>
  <div class="table-scroll layers-box" data-role="table-box"><table class="layers" data-role="table"></table></div>
</div>`;

const COLUMNS = [
  ['#', 'value'],
  ['Layer', ''],
  ['Kind', ''],
  ['Output C×H×W', ''],
  ['Parameters', 'value'],
  ['% params', 'value'],
  ['Multiply-adds', 'value'],
  ['% mult-adds', 'value'],
  ['Receptive field', 'value'],
  ['Jump', 'value'],
];

// Whole counts with thousands separators, as the papers print them.
// "138.4 M", "15.47 G": the short form beside a full count.
function short(value) {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`;
  return String(value);
}
const percent = (part, whole) => `${whole > 0 ? ((100 * part) / whole).toFixed(1) : '0.0'}%`;
// Three significant digits: 5.41×, 19.8×, 0.0306× (a small ratio keeps its digits too).
const ratio = (a, b) => (b > 0 ? `${Number((a / b).toPrecision(3))}×` : '–');

export class DescentArchitectures extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'vision';

  constructor() {
    super(WIDGET_STYLES + STYLES, TEMPLATE);
    this.run = null;
    this.tables = new Map(); // id → the core's table (each network is computed once)
    this.resetsOnChange = { network: ['layer'] };
    this.tableFor = null; // the id the DOM table shows
  }

  prepare() {
    this.architectureCatalog = readCoreCatalogs(this.core).architectures;
    if (!this.architectureCatalog?.ids?.length) return 'The core lists no architectures.';
    this.schema = architecturesSchema(this.architectureCatalog);
    return '';
  }

  // The core's table of network ID (a DescentError for an id it does not know).
  table(id) {
    if (!this.tables.has(id)) this.tables.set(id, this.api.architectureTable({ id }));
    return this.tables.get(id);
  }

  // A layer name the network does not have is reported; the default pick is used instead.
  checkState(state, errors) {
    if (!state.layer) return;
    const table = this.table(state.network);
    if (!table.layers.names.includes(state.layer)) {
      errors.push(`layer: "${state.layer}" is not a layer of ${shortTitle(table.title)}; picking the largest instead`);
      state.layer = '';
    }
  }

  simulate(state) {
    const main = this.table(state.network);
    const other = state.compare === 'none' ? null : this.table(state.compare);
    this.config = { ...state };
    this.run = { main, other };
    return '';
  }

  // The picked layer's index: the state's, or the layer with the most parameters.
  get pickedIndex() {
    const { layers } = this.run.main;
    const named = layers.names.indexOf(this.state.layer);
    if (named >= 0) return named;
    let best = 0;
    for (let i = 1; i < layers.parameters.length; i++) if (layers.parameters[i] > layers.parameters[best]) best = i;
    return best;
  }

  pick(index) {
    const { names } = this.run.main.layers;
    const clamped = Math.max(0, Math.min(names.length - 1, index));
    this.applyControl('layer', names[clamped]);
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      network: this.schemaControl('network'),
      compare: this.schemaControl('compare'),
      scale: this.schemaControl('scale'),
    };
    this.layerSelect = createSelect({
      name: 'layer',
      label: 'Layer',
      hint: 'Or click a bar or a table row; on a chart, the arrow keys move to the next layer',
      options: [],
      onChange: (name) => this.applyControl('layer', name),
    });
    this.parts.controls.append(
      this.controls.network.element,
      this.controls.compare.element,
      this.layerSelect.element,
      this.controls.scale.element,
    );
    for (const canvas of [this.parts.plot, this.parts.macs]) this.bindChart(canvas);
    this.parts.table.addEventListener('click', (event) => {
      const row = event.target.closest('tr[data-index]');
      if (row) this.pick(Number(row.dataset.index));
    });
  }

  // Click a bar to pick its layer; arrow keys, Home and End move the pick.
  bindChart(canvas) {
    canvas.addEventListener('click', (event) => {
      const frame = canvas === this.parts.plot ? this.paramsFrame : this.macsFrame;
      if (!frame) return;
      const rect = canvas.getBoundingClientRect();
      const [x] = frame.toWorld(event.clientX - rect.left, event.clientY - rect.top);
      this.pick(Math.round(x));
    });
    canvas.addEventListener('keydown', (event) => {
      if (!this.run) return;
      const last = this.run.main.layers.names.length - 1;
      const moves = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
      let index;
      if (event.key in moves) index = this.pickedIndex + moves[event.key];
      else if (event.key === 'Home') index = 0;
      else if (event.key === 'End') index = last;
      else return;
      event.preventDefault();
      this.pick(index);
    });
  }

  syncControls() {
    if (!this.state) return;
    for (const [name, control] of Object.entries(this.controls)) control.setValue(String(this.state[name]));
    if (this.run && this.layerSelect.optionsFor !== this.run.main.id) {
      const select = this.layerSelect.element.querySelector('select');
      const { names, kinds } = this.run.main.layers;
      select.replaceChildren(...names.map((name, i) => new Option(`${i + 1}. ${name} (${kinds[i]})`, name)));
      this.layerSelect.optionsFor = this.run.main.id;
    }
    if (this.run) this.layerSelect.setValue(this.run.main.layers.names[this.pickedIndex]);
  }

  // ---- drawing ----

  render() {
    if (!this.run) return;
    const { main, other } = this.run;
    const picked = this.pickedIndex;
    this.parts.formula.textContent = `${main.title}, input ${this.shape(main.inputShape)}`;
    this.renderText(main, other, picked);
    this.renderCompare(main, other);
    this.renderCharts(main, picked);
    this.renderTable(main, picked);
  }

  shape({ channels, height, width }) {
    return `${channels}×${height}×${width}`;
  }

  renderText(main, other, picked) {
    const { layers } = main;
    const count = layers.names.length;
    let text = `${shortTitle(main.title)}: ${count} layers | ${formatCount(main.totalParameters)} parameters (${short(main.totalParameters)}) | ${formatCount(main.totalMultiplyAdds)} multiply-adds (${short(main.totalMultiplyAdds)})`;
    if (other) {
      const name = shortTitle(other.title);
      text += ` | ${name}: ${formatCount(other.totalParameters)} parameters, ${formatCount(other.totalMultiplyAdds)} multiply-adds | ratio ${ratio(main.totalParameters, other.totalParameters)} the parameters, ${ratio(main.totalMultiplyAdds, other.totalMultiplyAdds)} the multiply-adds`;
    }
    this.parts.readout.textContent = text;
    const i = picked;
    const shape = `${layers.channels[i]}×${layers.heights[i]}×${layers.widths[i]}`;
    this.parts.status.textContent = `Layer ${i + 1}, ${layers.names[i]} (${layers.kinds[i]}) → ${shape}: ${formatCount(layers.parameters[i])} parameters (${percent(layers.parameters[i], main.totalParameters)}), ${formatCount(layers.multiplyAdds[i])} multiply-adds (${percent(layers.multiplyAdds[i], main.totalMultiplyAdds)}), receptive field ${layers.fieldSizes[i]}×${layers.fieldSizes[i]} pixels, jump ${layers.fieldJumps[i]}`;
  }

  renderCompare(main, other) {
    const box = this.parts.compare;
    box.hidden = !other;
    if (!other) return;
    const table = document.createElement('table');
    const head = table.createTHead().insertRow();
    for (const text of ['Totals', shortTitle(main.title), shortTitle(other.title), 'ratio']) {
      const th = document.createElement('th');
      th.textContent = text;
      head.append(th);
    }
    const body = table.createTBody();
    const rows = [
      ['Parameters', main.totalParameters, other.totalParameters],
      ['Multiply-adds', main.totalMultiplyAdds, other.totalMultiplyAdds],
      ['Layers (rows)', main.layers.names.length, other.layers.names.length],
    ];
    for (const [label, a, b] of rows) {
      const row = body.insertRow();
      const th = document.createElement('th');
      th.textContent = label;
      row.append(th);
      const largest = Math.max(a, b, 1);
      for (const [value, second] of [
        [a, false],
        [b, true],
      ]) {
        const cell = row.insertCell();
        cell.className = 'value';
        cell.textContent = formatCount(value);
        const bar = document.createElement('div');
        bar.className = second ? 'bar second' : 'bar';
        bar.style.width = `${(100 * value) / largest}%`;
        cell.append(bar);
      }
      const cell = row.insertCell();
      cell.className = 'value';
      cell.textContent = ratio(a, b);
    }
    const input = body.insertRow();
    const inputLabel = document.createElement('th');
    inputLabel.textContent = 'Input';
    input.append(inputLabel);
    input.insertCell().textContent = this.shape(main.inputShape);
    input.insertCell().textContent = this.shape(other.inputShape);
    input.insertCell();
    box.replaceChildren(table);
  }

  renderCharts(main, picked) {
    const { layers } = main;
    const log = this.state.scale === 'log';
    const width = this.parts.plot.clientWidth || 600;
    const height = Math.round(Math.min(260, Math.max(190, width * 0.32)));
    const scaleWord = log ? 'log scale' : 'linear scale';
    this.parts.legend.replaceChildren(
      ...legendOf(layers.kinds).map(({ label, color }) => {
        const item = document.createElement('span');
        const swatch = document.createElement('i');
        swatch.style.background = color;
        item.append(swatch, label);
        return item;
      }),
    );
    const common = { kinds: layers.kinds, names: layers.names, log, picked };
    const paramsContext = prepareCanvas(this.parts.plot, width, height);
    this.paramsFrame = drawLayerBars(paramsContext, width, height, {
      ...common,
      values: layers.parameters,
      total: main.totalParameters,
      yLabel: 'parameters',
    });
    const macsContext = prepareCanvas(this.parts.macs, width, height);
    this.macsFrame = drawLayerBars(macsContext, width, height, {
      ...common,
      values: layers.multiplyAdds,
      total: main.totalMultiplyAdds,
      yLabel: 'multiply-adds',
    });
    this.parts['plot-caption'].textContent = `Where the parameters are: parameters per layer (${scaleWord})`;
    this.parts['macs-caption'].textContent = `Where the compute is: multiply-adds per layer, one image (${scaleWord})`;
    const name = shortTitle(main.title);
    this.parts.plot.setAttribute(
      'aria-label',
      `${name}: parameters of each of its ${layers.names.length} layers; arrow keys pick a layer`,
    );
    this.parts.macs.setAttribute(
      'aria-label',
      `${name}: multiply-adds of each of its ${layers.names.length} layers; arrow keys pick a layer`,
    );
  }

  renderTable(main, picked) {
    const { layers } = main;
    const table = this.parts.table;
    if (this.tableFor !== main.id) {
      this.tableFor = main.id;
      const head = table.createTHead();
      head.replaceChildren();
      const headRow = head.insertRow();
      for (const [text, kind] of COLUMNS) {
        const th = document.createElement('th');
        th.textContent = text;
        th.scope = 'col';
        if (kind) th.className = kind;
        headRow.append(th);
      }
      const body = document.createElement('tbody');
      for (let i = 0; i < layers.names.length; i++) {
        const row = body.insertRow();
        row.dataset.index = String(i);
        const cells = [
          [String(i + 1), 'value'],
          [layers.names[i], 'name'],
          [layers.kinds[i], ''],
          [`${layers.channels[i]}×${layers.heights[i]}×${layers.widths[i]}`, ''],
          [formatCount(layers.parameters[i]), 'value parameters'],
          [percent(layers.parameters[i], main.totalParameters), 'value'],
          [formatCount(layers.multiplyAdds[i]), 'value multiply-adds'],
          [percent(layers.multiplyAdds[i], main.totalMultiplyAdds), 'value'],
          [`${layers.fieldSizes[i]}×${layers.fieldSizes[i]}`, 'value'],
          [String(layers.fieldJumps[i]), 'value'],
        ];
        for (const [text, className] of cells) {
          const cell = row.insertCell();
          cell.textContent = text;
          if (className) cell.className = className;
        }
      }
      const foot = document.createElement('tfoot');
      const total = foot.insertRow();
      const totals = [
        ['', ''],
        ['Total', ''],
        ['', ''],
        ['', ''],
        [formatCount(main.totalParameters), 'value total-parameters'],
        ['100%', 'value'],
        [formatCount(main.totalMultiplyAdds), 'value total-multiply-adds'],
        ['100%', 'value'],
        ['', ''],
        ['', ''],
      ];
      for (const [text, className] of totals) {
        const cell = total.insertCell();
        cell.textContent = text;
        if (className) cell.className = className;
      }
      table.querySelector('tbody')?.remove();
      table.querySelector('tfoot')?.remove();
      table.append(body, foot);
      this.parts['table-box'].scrollTop = 0;
    }
    for (const row of table.tBodies[0].rows) row.classList.toggle('picked', Number(row.dataset.index) === picked);
    this.revealRow(table.tBodies[0].rows[picked]);
    const box = this.parts['table-box'];
    this.parts['scroll-hint'].hidden = box.scrollWidth <= box.clientWidth + 1;
  }

  // Scrolls the table's own box (never the page) so the picked row is in view.
  revealRow(row) {
    const box = this.parts['table-box'];
    if (!row || box.clientHeight === 0) return;
    const headHeight = this.parts.table.tHead?.offsetHeight ?? 0;
    const footHeight = this.parts.table.tFoot?.offsetHeight ?? 0;
    const top = row.offsetTop - headHeight;
    const bottom = row.offsetTop + row.offsetHeight + footHeight - box.clientHeight;
    if (box.scrollTop > top) box.scrollTop = top;
    else if (box.scrollTop < bottom) box.scrollTop = bottom;
  }
}
