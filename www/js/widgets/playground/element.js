// <descent-playground>: the classifier playground. A data set, its input features
// and a network live in one core Playground object (createPlayground); while
// playing, the live-run transport trains `speed` epochs per animation frame (fewer
// when they do not fit the frame's budget) and the core hands back, in one call,
// the losses, the decision field, every unit's picture and the weights, which
// this file draws. Nothing on screen is computed here.
import { createButton, createCheckbox, createSelect, createSlider, createTextInput } from '../../ui/controls.js';
import { prefersReducedMotion } from '../../ui/animation.js';
import { formatNumber, formatSetting } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { CLASS_COLORS, biasAt, drawDecisionField, drawNetwork, linkAt, networkBiases, networkLayout, networkLinks, networkParameters } from './plot.js';
import { DATASETS, FEATURES, LOSSES, PLAYGROUND_SCHEMA, STATE_ATTRIBUTES, checkNames, classCountOf, toCoreConfig } from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { withinBudget } from '../transports/live-run.js';
import { WIDGET_STYLES } from '../widget-styles.js';

const FRAME_BUDGET_MS = 12; // training per animation frame, leaving time for frame() and drawing
const TEST_COLOR = '#1d2430';
const TRAIN_COLOR = '#ff6b35';

const PLAYGROUND_STYLES = `
.views { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 10px; }
@media (max-width: 640px) { .views { grid-template-columns: minmax(0, 1fr); } }
canvas.plot { cursor: crosshair; touch-action: pan-y; }
canvas.network { cursor: pointer; }
.csv-text { display: flex; flex-direction: column; gap: 2px; font-size: 13px; }
.csv-text textarea { font: 12px ui-monospace, monospace; width: 100%; box-sizing: border-box; }
.weight-editor { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; font-size: 13px; margin-top: 4px; }
.weight-editor input { width: 7em; font: inherit; }
.weight-editor .error { flex-basis: 100%; margin: 0; }
.feature-boxes { display: flex; flex-wrap: wrap; gap: 2px 10px; grid-column: 1 / -1; border: 0; padding: 0; margin: 0; }
.feature-boxes legend { font-size: 12px; font-weight: 600; color: #3b4452; padding: 0; }
.confusion td, .confusion th { text-align: center; }
.status.finished { color: var(--ok); }
.status.diverged { color: var(--danger); font-weight: 600; }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Classifier playground</strong><span class="formula" data-role="formula"></span></div>
  <div class="views">
    <div>
      <div class="chart-caption" data-role="plot-caption">Decision regions computed by the network (paler: less sure); white-edged dots train, dark-edged dots test</div>
      <canvas class="plot" data-role="plot" tabindex="0" role="img"></canvas>
    </div>
    <div data-role="network-view">
      <div class="chart-caption">Each unit’s output over the plane; links: blue positive, orange negative weights; the small squares: biases, coloured the same way (hover or focus a unit to enlarge it; click a link or a bias square to edit it)</div>
      <canvas class="network" data-role="network" tabindex="0" role="img"></canvas>
      <div class="weight-editor" data-role="weight-editor" hidden>
        <label><span data-role="weight-name">weight</span> <input type="text" inputmode="decimal" data-role="weight-input" aria-describedby="weight-message"></label>
        <span data-role="link-steps"></span>
        <span class="chart-caption">Enter applies · Escape closes · Reset restores the initial weights</span>
        <div class="error" id="weight-message" data-role="weight-message" role="alert"></div>
      </div>
    </div>
  </div>
  <div class="readout" data-role="readout" aria-live="polite">Loading the simulation core…</div>
  <div class="status" data-role="status"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div data-role="chart-view">
    <div class="chart-caption">Loss per epoch: training (orange) and test (dark)</div>
    <canvas class="chart" data-role="chart" role="img"></canvas>
  </div>
  <div class="table-scroll" data-role="confusion-view"></div>
  <div class="controls" data-role="basic-controls"></div>
  <details data-role="data-settings"><summary>Data: classes, points, train/test split, batch size, seed</summary>
    <div class="controls" data-role="data-controls"></div>
  </details>
  <details data-role="csv-import"><summary>Your own points: import a CSV</summary>
    <p class="chart-caption" data-role="csv-help">A header row, then one point per row: two number columns (x₁, x₂, in that order) and the class last, e.g.<br><code>x1,x2,class</code><br><code>0.5,1.2,0</code><br><code>-1,0.3,1</code><br>2 to 8 classes (any labels; 0, 1, … keep their numbers), 4 to 2000 rows, split into training and test points like the generated data sets. Paste it below or choose a file (read in the page, never uploaded).</p>
    <label class="csv-text">CSV text <textarea data-role="csv-text" rows="6" spellcheck="false" placeholder="x1,x2,class"></textarea></label>
    <div class="transport" data-role="csv-actions"><label>CSV file <input type="file" accept=".csv,text/csv,text/plain" data-role="csv-file"></label></div>
    <div class="error" data-role="csv-message" role="alert"></div>
  </details>
  <details data-role="advanced"><summary>More: regularisation, initialisation, batch norm, dropout, schedule, stopping</summary>
    <div class="controls" data-role="advanced-controls"></div>
  </details>
  <div class="transport" data-role="export"></div>
</div>`;

export class DescentPlayground extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;

  constructor() {
    super(WIDGET_STYLES + PLAYGROUND_STYLES, TEMPLATE);
    this.transportNoun = 'training';
    this.reducedMotionMaxSpeed = 1;
    this.layout = null;
    this.frame = null;
    this.hoveredUnit = null;
    this.selected = null; // the link {kind: 'link', layer, from, to, index} or bias {kind: 'bias', layer, unit, index} being edited
    this.createLiveRun({
      create: (config) => {
        const made = this.core.createPlayground(config);
        return made.ok ? { handle: made.playground } : { error: made.error };
      },
      advance: (playground, { budgetMs, single }) => this.train(playground, budgetMs, single),
      render: () => this.showTraining(),
      frameBudgetMs: FRAME_BUDGET_MS,
      releaseWhenDone: false, // a finished network is still shown, edited and exported
    });
  }

  prepare() {
    this.schema = PLAYGROUND_SCHEMA;
    this.playgroundCatalog = this.core.playgroundCatalog();
    return '';
  }

  // The core's Playground (the live run deletes it on rebuild and removal), or null.
  get playground() {
    return this.liveRun.handle;
  }

  get playing() {
    return this.liveRun.playing;
  }

  get lastStep() {
    return this.frame?.epoch ?? 0;
  }

  // The shown frame: what the lesson experiments wait for.
  get run() {
    return this.frame;
  }

  get epoch() {
    return this.frame?.epoch ?? 0;
  }

  get updateDetail() {
    return { config: this.config, epoch: this.epoch, accuracy: this.frame?.accuracy };
  }

  checkState(state, errors) {
    checkNames(state, this.catalog, this.playgroundCatalog, errors);
  }

  simulate(state) {
    const config = toCoreConfig(state, state.dataset === 'csv' ? this.csvClassCount(state.csv) ?? 2 : 2);
    const problem = this.liveRun.load(config); // a playing live run goes on with the new playground
    if (problem) return problem;
    this.config = config;
    this.layout = this.playground.layout();
    this.layout.batchNorm = config.batchNorm;
    this.playground.advance(state.pretrain);
    this.frame = this.playground.frame();
    this.hoveredUnit = null;
    this.closeWeightEditor();
    return '';
  }

  // ---- training (the live-run transport) ----

  play() {
    if (!this.playground || this.frame.finished) return;
    this.liveRun.play();
    this.renderTransport();
  }

  pause() {
    this.liveRun.pause();
    this.renderTransport();
  }

  stepForward() {
    this.pause();
    this.liveRun.step();
  }

  reset() {
    this.pause();
    this.update(); // a fresh playground from the same state: the same seed, the same start
  }

  // The live run's advance: `speed` epochs a frame (one for Step), as many as fit in `budgetMs`;
  // then the frame to draw. Done when the playground has stopped.
  train(playground, budgetMs, single) {
    // Reduced motion: at least 10 epochs between pictures, so the regions change in fewer, larger steps.
    let left = single ? 1 : prefersReducedMotion() ? Math.max(this.state.speed, 10) : this.state.speed;
    withinBudget(budgetMs, (epochs) => {
      const asked = Math.min(epochs, left);
      left -= asked;
      return playground.advance(asked) < asked || left === 0;
    }, left);
    this.frame = playground.frame();
    return { done: this.frame.finished };
  }

  // The live run's render, after each frame or step of training.
  showTraining() {
    this.render();
    this.dispatchEvent(new CustomEvent('descent-epoch', { detail: this.updateDetail }));
  }

  // ---- controls ----

  buildControls() {
    const set = (name) => (raw) => this.applyControl(name, raw);
    const toggle = (name) => (checked) => this.applyControl(name, checked ? 'true' : 'false');
    const { catalog, playgroundCatalog } = this;
    const options = (names) => names.map((name) => ({ value: name, label: name.replace(/_/g, ' ') }));
    this.controls = {
      dataset: createSelect({ name: 'dataset', label: 'Data set', options: DATASETS, onChange: set('dataset') }),
      noise: createSlider({ name: 'noise', label: 'Noise (σ per coordinate)', min: 0, max: 1, onChange: set('noise') }),
      layers: createTextInput({ name: 'layers', label: 'Hidden layers (neurons each, e.g. 4,2; none)', onChange: set('layers') }),
      activation: createSelect({ name: 'activation', label: 'Activation', options: options(playgroundCatalog.activations), onChange: set('activation') }),
      lr: createSlider({ name: 'lr', label: 'Learning rate', min: 1e-4, max: 10, logScale: true, onChange: set('lr') }),
      optimizer: createSelect({ name: 'optimizer', label: 'Optimizer', options: catalog.optimizers.map((o) => ({ value: o.id, label: o.label })), onChange: set('optimizer') }),
      loss: createSelect({ name: 'loss', label: 'Loss', options: LOSSES, onChange: set('loss') }),
      classes: createSlider({ name: 'classes', label: 'Classes (multi-class blobs)', min: 2, max: 8, integer: true, onChange: set('classes') }),
      points: createSlider({ name: 'points', label: 'Points', min: 10, max: 2000, integer: true, logScale: true, onChange: set('points') }),
      'train-ratio': createSlider({ name: 'train-ratio', label: 'Training share', min: 0.1, max: 0.9, hint: 'The rest are test points, never trained on', onChange: set('train-ratio') }),
      'batch-size': createSlider({ name: 'batch-size', label: 'Batch size', min: 1, max: 2000, integer: true, logScale: true, onChange: set('batch-size') }),
      seed: createTextInput({ name: 'seed', label: 'Seed (data, split, weights, batches)', onChange: set('seed') }),
      l1: createSlider({ name: 'l1', label: 'L1 rate', min: 0, max: 0.1, onChange: set('l1') }),
      l2: createSlider({ name: 'l2', label: 'L2 rate', min: 0, max: 0.1, onChange: set('l2') }),
      init: createSelect({ name: 'init', label: 'Weight initialisation', options: options(playgroundCatalog.initializers), onChange: set('init') }),
      'batch-norm': createCheckbox({ name: 'batch-norm', label: 'Batch norm on hidden layers', onChange: toggle('batch-norm') }),
      dropout: createSlider({ name: 'dropout', label: 'Dropout rate', min: 0, max: 0.9, onChange: set('dropout') }),
      schedule: createSelect({ name: 'schedule', label: 'Learning-rate schedule', options: catalog.schedules.map((s) => ({ value: s.id, label: s.label })), onChange: set('schedule') }),
      'max-epochs': createTextInput({ name: 'max-epochs', label: 'Stop after epochs', onChange: set('max-epochs') }),
      'target-loss': createTextInput({ name: 'target-loss', label: 'Stop at training loss (0: never)', onChange: set('target-loss') }),
      speed: createSlider({ name: 'speed', label: 'Epochs per frame', min: 1, max: 50, integer: true, onChange: set('speed') }),
    };
    const c = this.controls;
    this.featureBoxes = document.createElement('fieldset');
    this.featureBoxes.className = 'feature-boxes';
    this.featureBoxes.innerHTML = '<legend>Input features</legend>';
    this.featureChecks = playgroundCatalog.features.map((feature) => {
      const box = createCheckbox({ name: `feature-${feature.id}`, label: feature.label, onChange: () => this.applyFeatures() });
      this.featureBoxes.append(box.element);
      return { id: feature.id, box };
    });
    c.features = { element: this.featureBoxes, setValue: (names) => this.featureChecks.forEach(({ id, box }) => box.setValue(names.includes(id))) };
    this.parts['basic-controls'].append(c.dataset.element, c.noise.element, this.featureBoxes, c.layers.element, c.activation.element, c.lr.element, c.optimizer.element, c.loss.element);
    this.parts['data-controls'].append(c.classes.element, c.points.element, c['train-ratio'].element, c['batch-size'].element, c.seed.element,
      createButton({ label: 'Regenerate', title: 'New data and weights: the next seed', onClick: () => this.applyControl('seed', String(this.state.seed + 1)) }));
    this.parts['advanced-controls'].append(c.l1.element, c.l2.element, c.init.element, c['batch-norm'].element, c.dropout.element, c.schedule.element, c['max-epochs'].element, c['target-loss'].element, c.speed.element);
    this.buildTransport();
    this.parts.export.append(
      createButton({ label: 'Export JSON', title: 'Download the settings, weights and loss history as JSON', onClick: () => this.exportJson() }),
      createButton({ label: 'Export PNG', title: 'Download the decision regions as a PNG image', onClick: () => this.exportPng() }),
    );
    this.bindUnitHover();
    this.bindWeightEditing();
    this.bindCsvImport();
    this.bindPointAdding();
  }

  // ---- CSV import: the core parses and checks; only a good CSV becomes the data set ----

  bindCsvImport() {
    const text = this.parts['csv-text'];
    this.parts['csv-actions'].prepend(createButton({ label: 'Use this CSV', title: 'Train on the points in the text box', onClick: () => this.importCsv(text.value) }));
    this.parts['csv-file'].addEventListener('change', () => {
      const file = this.parts['csv-file'].files[0];
      if (!file) return;
      const reader = new FileReader(); // works from file:// too: the page reads the chosen file itself
      reader.onload = () => {
        text.value = String(reader.result);
        this.importCsv(text.value);
      };
      reader.onerror = () => (this.parts['csv-message'].textContent = `could not read ${file.name}`);
      reader.readAsText(file);
    });
  }

  // The number of classes the core finds in a CSV, or null when it does not parse.
  csvClassCount(text) {
    const parsed = this.core.parseCsv(text, { targetKind: 'classification' });
    return parsed.ok ? parsed.classNames.length : null;
  }

  // Checks `text` with the core (parser, then the playground's own rules: two feature columns,
  // 2–8 classes, row count) and switches the data set to it; a bad CSV only gets its message.
  importCsv(text) {
    const message = this.parts['csv-message'];
    message.className = 'error'; // until the CSV is accepted
    const parsed = this.core.parseCsv(text, { targetKind: 'classification' });
    if (!parsed.ok) {
      message.textContent = `CSV: ${parsed.error}`;
      return false;
    }
    const trial = { ...this.state, dataset: 'csv', csv: text.trim() };
    const made = this.core.createPlayground(toCoreConfig(trial, parsed.classNames.length));
    if (!made.ok) {
      message.textContent = `CSV: ${made.error}`;
      return false;
    }
    made.playground.delete();
    message.className = 'chart-caption';
    message.textContent = `Imported ${parsed.rows} points, ${parsed.classNames.length} classes (${parsed.featureNames.join(', ')} → ${parsed.targetName}).`;
    this.setAttribute('csv', trial.csv);
    this.applyControl('dataset', 'csv');
    return true;
  }

  // ---- click a link or a bias, type its value, Enter: the core sets it and everything redraws ----

  bindWeightEditing() {
    const canvas = this.parts.network;
    canvas.addEventListener('click', (event) => {
      if (!this.geometry || !this.layout) return;
      const rect = canvas.getBoundingClientRect();
      const [x, y] = [event.clientX - rect.left, event.clientY - rect.top];
      // Bias markers are drawn over the links' ends, so they win.
      const found = biasAt(networkBiases(this.layout, this.geometry), x, y) ?? linkAt(networkLinks(this.layout, this.geometry), x, y);
      if (found) this.editParameter(found);
    });
    // Keyboard: arrow keys focus a unit (bindUnitHover), Enter opens its first incoming link, B its
    // bias, and the ‹ › buttons walk through the links and biases in frame.parameters order.
    canvas.addEventListener('keydown', (event) => {
      if (this.hoveredUnit === null || !this.geometry) return;
      const unit = this.geometry.units[this.hoveredUnit];
      if (unit.column === 0) return;
      if (event.key === 'Enter') this.editParameter({ kind: 'link', layer: unit.column - 1, from: 0, to: unit.index });
      else if (event.key === 'b' || event.key === 'B') this.editParameter({ kind: 'bias', layer: unit.column - 1, unit: unit.index });
      else return;
      event.preventDefault();
    });
    const step = (delta) => {
      if (!this.selected || !this.geometry) return;
      const parameters = networkParameters(this.layout, this.geometry);
      const at = parameters.findIndex((parameter) => parameter.index === this.selected.index);
      this.editParameter(parameters[(at + delta + parameters.length) % parameters.length]);
    };
    const previous = createButton({ label: '‹', title: 'Previous weight or bias', onClick: () => step(-1) });
    const next = createButton({ label: '›', title: 'Next weight or bias', onClick: () => step(1) });
    this.parts['link-steps'].append(previous, next);
    const input = this.parts['weight-input'];
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.applyWeight(input.value);
      else if (event.key === 'Escape') {
        this.closeWeightEditor();
        this.render(); // without the selection's marks
        this.parts.network.focus();
      } else return;
      event.preventDefault();
    });
  }

  // Opens the editor on a link {kind: 'link', layer, from, to} (column `layer` unit `from` →
  // column layer + 1 unit `to`) or a bias {kind: 'bias', layer, unit} (of column layer + 1's unit);
  // the core gives its flat index and value. Returns "" or the core's message.
  editParameter({ kind, layer, from, to, unit }) {
    const bias = kind === 'bias';
    const found = bias ? this.playground.biasParameter(layer, unit) : this.playground.linkParameter(layer, from, to);
    if (!found.ok) return found.error;
    this.selected = bias ? { kind, layer, unit, index: found.index } : { kind, layer, from, to, index: found.index };
    this.parts['weight-name'].textContent = bias
      ? `Bias of ${this.columnUnitName(layer + 1, unit)}`
      : `Weight ${this.columnUnitName(layer, from)} → ${this.columnUnitName(layer + 1, to)}`;
    this.parts['weight-message'].textContent = '';
    this.parts['weight-editor'].hidden = false;
    const input = this.parts['weight-input'];
    input.value = formatSetting(found.value);
    this.render();
    input.focus();
    input.select();
    return '';
  }

  // Sets the selected weight or bias to `raw` (a number) in the core; a bad value leaves θ as it was.
  applyWeight(raw) {
    if (!this.selected || !this.playground) return;
    const message = this.parts['weight-message'];
    const text = String(raw).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) {
      message.textContent = `“${text}” is not a number`;
      return;
    }
    this.pause();
    const result = this.playground.setParameter(this.selected.index, value);
    if (!result.ok) {
      message.textContent = result.error;
      return;
    }
    message.textContent = '';
    this.frame = this.playground.frame();
    const edited = this.frame.parameters[this.selected.index];
    this.parts['weight-input'].value = formatSetting(edited);
    this.render();
    this.dispatchEvent(new CustomEvent('descent-weight', { detail: { ...this.selected, value: edited } }));
  }

  closeWeightEditor() {
    this.selected = null;
    if (this.parts['weight-editor']) this.parts['weight-editor'].hidden = true;
  }

  // ---- the learner's own points: click (or tap) the plot; the state keeps them, so the URL does ----

  bindPointAdding() {
    this.newPointClass = createSelect({ name: 'new-point-class', label: 'Class of clicked points', options: [], onChange: () => {} });
    this.parts['data-controls'].append(this.newPointClass.element,
      createButton({ label: 'Remove added points', title: 'Remove every point added by clicking', onClick: () => this.applyControl('added', '') }));
    this.parts.plot.addEventListener('click', (event) => {
      if (!this.plotFrame || this.hoveredUnit !== null) return;
      const rect = this.parts.plot.getBoundingClientRect();
      const x = event.clientX - rect.left;
      const y = event.clientY - rect.top;
      if (!this.plotFrame.contains(x, y)) return;
      const [x1, x2] = this.plotFrame.toWorld(x, y).map((v) => Number(v.toFixed(3)));
      const label = Number(this.newPointClass.element.querySelector('select').value);
      const added = [...this.state.added, [x1, x2, label]];
      this.applyControl('added', added.map((p) => p.join(',')).join(';'));
    });
  }

  syncPointClasses() {
    const select = this.newPointClass.element.querySelector('select');
    const k = this.layout?.classCount ?? 2;
    if (select.options.length === k) return;
    const chosen = Math.min(Number(select.value) || 0, k - 1);
    select.replaceChildren(...Array.from({ length: k }, (_, c) => new Option(`class ${c}`, String(c))));
    select.value = String(chosen);
  }

  applyFeatures() {
    const chosen = this.featureChecks.filter(({ box }) => box.element.querySelector('input').checked).map(({ id }) => id);
    if (chosen.length === 0) {
      this.showControlError('features: choose at least one input feature');
      this.controls.features.setValue(this.state.features);
      return;
    }
    this.applyControl('features', chosen.join(','));
  }

  buildTransport() {
    this.playButton = createButton({ label: '▶ Play', title: 'Train epoch after epoch', onClick: () => (this.playing ? this.pause() : this.play()) });
    this.playButton.classList.add('primary');
    this.stepCounter = document.createElement('span');
    this.stepCounter.className = 'step-counter';
    this.parts.transport.append(
      createButton({ label: 'Reset', title: 'Back to the initial weights (same seed)', onClick: () => this.reset() }),
      this.playButton,
      createButton({ label: 'Step ▶', title: 'Train one epoch', onClick: () => this.stepForward() }),
      this.stepCounter,
    );
  }

  renderTransport() {
    if (!this.playButton) return;
    this.playButton.textContent = this.playing ? '⏸ Pause' : '▶ Play';
    this.stepCounter.textContent = `epoch ${this.epoch}`;
  }

  syncControls() {
    const { state, controls } = this;
    if (!state || !controls) return;
    for (const name of ['dataset', 'noise', 'activation', 'lr', 'optimizer', 'loss', 'classes', 'points', 'train-ratio', 'batch-size', 'l1', 'l2', 'init', 'batch-norm', 'dropout', 'schedule', 'speed', 'features']) controls[name].setValue(state[name]);
    controls.layers.setValue(state.layers.length ? state.layers.join(',') : 'none');
    controls.seed.setValue(String(state.seed));
    controls['max-epochs'].setValue(String(state['max-epochs']));
    controls['target-loss'].setValue(formatSetting(state['target-loss']));
    controls.classes.element.hidden = state.dataset !== 'multiblobs';
    const hide = new Set(state.hide);
    for (const name of ['dataset', 'noise', 'features', 'layers', 'activation', 'lr', 'optimizer', 'loss']) controls[name].element.hidden = hide.has(name);
    if (state.dataset === 'csv') controls.noise.element.hidden = controls.points.element.hidden = true; // the CSV fixes the points
    else controls.points.element.hidden = false;
    for (const name of ['l1', 'l2']) controls[name].element.hidden = hide.has('regularization');
    this.parts['data-settings'].hidden = hide.has('data-settings');
    this.parts['csv-import'].hidden = hide.has('csv');
    if (state.dataset === 'csv' && !this.parts['csv-text'].value) this.parts['csv-text'].value = state.csv;
    this.parts.advanced.hidden = hide.has('advanced');
    this.parts.export.hidden = hide.has('export');
    this.parts['network-view'].hidden = hide.has('network');
    this.parts['chart-view'].hidden = hide.has('chart');
    this.parts['confusion-view'].hidden = hide.has('confusion');
  }

  // ---- hover to enlarge a unit ----

  bindUnitHover() {
    const canvas = this.parts.network;
    const unitAt = (event) => {
      if (!this.geometry) return null;
      const rect = canvas.getBoundingClientRect();
      const x = event.clientX - rect.left;
      const y = event.clientY - rect.top;
      const found = this.geometry.units.findIndex((u) => x >= u.x && x <= u.x + u.size && y >= u.y && y <= u.y + u.size);
      return found < 0 ? null : found;
    };
    const show = (unit) => {
      if (unit === this.hoveredUnit) return;
      this.hoveredUnit = unit;
      this.render();
    };
    canvas.addEventListener('pointermove', (event) => show(unitAt(event)));
    canvas.addEventListener('pointerleave', () => show(null));
    canvas.addEventListener('blur', () => show(null));
    // Arrow keys walk through the units; Escape goes back to the decision regions.
    canvas.addEventListener('keydown', (event) => {
      if (!this.geometry) return;
      const count = this.geometry.units.length;
      const current = this.hoveredUnit ?? -1;
      if (event.key === 'ArrowDown' || event.key === 'ArrowRight') show((current + 1) % count);
      else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') show((current - 1 + count) % count);
      else if (event.key === 'Escape') show(null);
      else return;
      event.preventDefault();
    });
  }

  // What the plot caption calls a hovered unit.
  unitName(unit) {
    const { column, index } = this.geometry.units[unit];
    return column === 0 ? `feature ${this.featureLabels()[index]}` : this.columnUnitName(column, index);
  }

  // Unit `index` of the diagram's column `column` (0: the features, last: the output units), as
  // the weight editor names it.
  columnUnitName(column, index) {
    const widths = this.layout.layerWidths;
    if (column === 0) return this.featureLabels()[index];
    if (column < widths.length - 1) return `layer ${column} neuron ${index + 1}`;
    return widths[column] === 1 ? 'output' : `output class ${index}`;
  }

  featureLabels() {
    const labels = new Map(this.playgroundCatalog.features.map((f) => [f.id, f.label]));
    return this.config.features.map((id) => labels.get(id));
  }

  // ---- drawing ----

  render() {
    if (!this.frame || !this.layout) return;
    const { frame, layout } = this;
    const plotWidth = this.parts.plot.clientWidth || 320;
    const plotContext = prepareCanvas(this.parts.plot, plotWidth, plotWidth);
    const networkWidth = this.parts.network.clientWidth || 320;
    this.geometry = networkLayout(networkWidth, layout);
    if (this.hoveredUnit !== null && this.hoveredUnit >= this.geometry.units.length) this.hoveredUnit = null;
    // An output unit has no picture of its own: the plot keeps the decision field it makes.
    const hoveredPicture = this.hoveredUnit === null ? null : this.geometry.units[this.hoveredUnit].picture;
    this.plotFrame = drawDecisionField(plotContext, plotWidth, { layout, frame, showTest: true, hoveredPicture });
    this.syncPointClasses();
    const hovered = hoveredPicture === null ? null : this.unitName(this.hoveredUnit);
    this.parts['plot-caption'].textContent = hovered
      ? `Output of ${hovered} over the plane (blue positive, orange negative); Escape or leave to see the decision regions`
      : 'Decision regions computed by the network (paler: less sure); white-edged dots train, dark-edged dots test; click to add a training point';
    const networkContext = prepareCanvas(this.parts.network, networkWidth, this.geometry.height);
    drawNetwork(networkContext, networkWidth, { layout, frame, geometry: this.geometry, featureLabels: this.featureLabels(), hoveredUnit: this.hoveredUnit, selectedIndex: this.selected?.index ?? null });
    this.parts.network.setAttribute('aria-label', `Network: ${Array.from(layout.layerWidths).join(' → ')} units; arrow keys show each unit's output on the plot, Enter edits the weights into it, B its bias`);
    this.parts.formula.textContent = this.describeNetwork();
    this.renderReadout();
    if (!this.parts['chart-view'].hidden) this.renderChart();
    if (!this.parts['confusion-view'].hidden) this.renderConfusion();
    this.renderTransport();
  }

  describeNetwork() {
    const widths = Array.from(this.layout.layerWidths);
    return `${widths.join('–')} · ${this.config.activation} · ${this.config.loss.replace(/_/g, ' ')} · ${this.config.optimizer} lr ${formatSetting(this.config.lr)}`;
  }

  renderReadout() {
    const { frame } = this;
    const last = frame.epoch - 1;
    const losses = last >= 0 ? `training loss ${formatNumber(frame.trainLoss[last])}, test loss ${formatNumber(frame.testLoss[last])}, ` : '';
    const percent = (v) => `${(v * 100).toFixed(1)}%`;
    this.parts.readout.textContent = `epoch ${frame.epoch}: ${losses}accuracy ${percent(frame.accuracy.train)} training, ${percent(frame.accuracy.test)} test`;
    const diverged = frame.stopReason.startsWith('diverged');
    this.parts.status.className = `status ${diverged ? 'diverged' : frame.finished ? 'finished' : ''}`;
    this.parts.status.textContent = diverged ? `${frame.stopReason} — lower the learning rate and press Reset` : frame.finished ? `Stopped: ${frame.stopReason}` : '';
    this.parts.plot.setAttribute('aria-label', `Decision regions of ${this.layout.classCount} classes at epoch ${frame.epoch}; test accuracy ${percent(frame.accuracy.test)}`);
  }

  renderChart() {
    const { frame } = this;
    const width = this.parts.chart.clientWidth || 600;
    const height = Math.round(Math.min(160, Math.max(110, width * 0.22)));
    const context = prepareCanvas(this.parts.chart, width, height);
    if (frame.epoch === 0) {
      context.fillStyle = '#5b6472';
      context.font = '13px system-ui, sans-serif';
      context.fillText('Press Play or Step to train.', 12, 24);
      this.parts.chart.setAttribute('aria-label', 'No epoch trained yet');
      return;
    }
    drawLineChart(context, width, height, {
      series: [{ values: frame.trainLoss, color: TRAIN_COLOR, label: 'training' }, { values: frame.testLoss, color: TEST_COLOR, label: 'test' }],
      currentIndex: frame.epoch - 1,
      xLabel: 'epoch − 1',
      yLabel: 'loss',
    });
    this.parts.chart.setAttribute('aria-label', `Loss after epoch ${frame.epoch}: training ${formatNumber(frame.trainLoss[frame.epoch - 1])}, test ${formatNumber(frame.testLoss[frame.epoch - 1])}`);
  }

  renderConfusion() {
    const k = this.layout.classCount;
    const { confusion } = this.frame;
    const swatch = (c) => `<span style="color:${CLASS_COLORS[c]}">●</span> ${c}`;
    let html = `<table class="confusion"><caption class="chart-caption">Confusion matrix of the test points (rows: true class, columns: predicted)</caption><tr><th scope="col">true \\ predicted</th>`;
    for (let p = 0; p < k; p++) html += `<th scope="col">${swatch(p)}</th>`;
    html += '</tr>';
    for (let t = 0; t < k; t++) {
      html += `<tr><th scope="row">${swatch(t)}</th>`;
      for (let p = 0; p < k; p++) html += `<td class="value"${t === p ? ' style="font-weight:700"' : ''}>${confusion[t * k + p]}</td>`;
      html += '</tr>';
    }
    this.parts['confusion-view'].innerHTML = `${html}</table>`;
  }

  // ---- export (files made in the page: no network) ----

  download(name, blob) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  exportJson() {
    if (!this.frame) return;
    const { frame } = this;
    const data = {
      settings: this.config,
      layerWidths: Array.from(this.layout.layerWidths),
      epoch: frame.epoch,
      parameters: Array.from(frame.parameters),
      history: { trainLoss: Array.from(frame.trainLoss), testLoss: Array.from(frame.testLoss), trainAccuracy: Array.from(frame.trainAccuracy), testAccuracy: Array.from(frame.testAccuracy) },
      accuracy: frame.accuracy,
    };
    this.download('playground.json', new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' }));
  }

  exportPng() {
    this.parts.plot.toBlob((blob) => blob && this.download('playground.png', blob), 'image/png');
  }
}

// Guarded so a page that includes descent.js twice does not throw.
if (!customElements.get('descent-playground')) customElements.define('descent-playground', DescentPlayground);
