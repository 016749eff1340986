// <descent-playground>: the classifier playground. A data set, its input features
// and a network live in one core Playground object (createPlayground); while
// playing, the live-run transport trains `speed` epochs per animation frame (fewer
// when they do not fit the frame's budget) and the core hands back, in one call,
// the losses, the decision field, every unit's picture and the weights, which
// this file draws. Nothing on screen is computed here.
import { createButton, createCheckbox } from '../../ui/controls.js';
import { setButtonContent } from '../../ui/icons.js';
import { prefersReducedMotion } from '../../ui/animation.js';
import { formatSetting } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { CLASS_COLORS, drawDecisionField, drawNetwork, networkLayout } from './plot.js';
import { STATE_ATTRIBUTES, checkNames, datasetOptions, lossOptions, playgroundSchema, toCoreConfig } from './state.js';
import { readCoreCatalogs } from '../../core-catalogs.js';
import { DescentWidget } from '../descent-widget.js';
import { withinBudget } from '../transports/live-run.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { CSV_IMPORT } from './csv-import.js';
import { EXPORT } from './export.js';
import { NETWORK_INPUT } from './network-input.js';
import { READOUTS } from './readouts.js';

const FRAME_BUDGET_MS = 12; // training per animation frame, leaving time for frame() and drawing

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
.feature-boxes legend { font-size: 12px; font-weight: 600; color: var(--secondary); padding: 0; }
.confusion td, .confusion th { text-align: center; }
.confusion td.correct { font-weight: 700; }
${CLASS_COLORS.map((color, c) => `.confusion .class-${c} { color: ${color}; }`).join('\n')}
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
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
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
  static corePart = 'training';

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
    // Data sets, features, losses and limits are the core's.
    this.playgroundCatalog = readCoreCatalogs(this.core).playground;
    this.schema = playgroundSchema(this.playgroundCatalog);
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
    checkNames(state, this.schema, this.catalog, this.playgroundCatalog, errors);
  }

  simulate(state) {
    const config = toCoreConfig(state, state.dataset === 'csv' ? (this.csvClassCount(state.csv) ?? 2) : 2);
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
    withinBudget(
      budgetMs,
      (epochs) => {
        const asked = Math.min(epochs, left);
        left -= asked;
        return playground.advance(asked) < asked || left === 0;
      },
      left,
    );
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
    const { playgroundCatalog } = this;
    this.controls = {
      dataset: this.schemaControl('dataset', { options: datasetOptions(playgroundCatalog) }),
      noise: this.schemaControl('noise'),
      layers: this.schemaControl('layers'),
      activation: this.schemaControl('activation'),
      lr: this.schemaControl('lr'),
      optimizer: this.schemaControl('optimizer'),
      loss: this.schemaControl('loss', { options: lossOptions(playgroundCatalog) }),
      classes: this.schemaControl('classes'),
      points: this.schemaControl('points'),
      'train-ratio': this.schemaControl('train-ratio'),
      'batch-size': this.schemaControl('batch-size'),
      seed: this.schemaControl('seed'),
      l1: this.schemaControl('l1'),
      l2: this.schemaControl('l2'),
      init: this.schemaControl('init'),
      'batch-norm': this.schemaControl('batch-norm'),
      dropout: this.schemaControl('dropout'),
      schedule: this.schemaControl('schedule'),
      'max-epochs': this.schemaControl('max-epochs'),
      'target-loss': this.schemaControl('target-loss'),
      speed: this.schemaControl('speed'),
    };
    const c = this.controls;
    this.featureBoxes = document.createElement('fieldset');
    this.featureBoxes.className = 'feature-boxes';
    this.featureBoxes.innerHTML = '<legend>Input features</legend>';
    this.featureChecks = playgroundCatalog.features.map((feature) => {
      const box = createCheckbox({
        name: `feature-${feature.id}`,
        label: feature.label,
        onChange: () => this.applyFeatures(),
      });
      this.featureBoxes.append(box.element);
      return { id: feature.id, box };
    });
    c.features = {
      element: this.featureBoxes,
      setValue: (names) => this.featureChecks.forEach(({ id, box }) => box.setValue(names.includes(id))),
    };
    this.parts['basic-controls'].append(
      c.dataset.element,
      c.noise.element,
      this.featureBoxes,
      c.layers.element,
      c.activation.element,
      c.lr.element,
      c.optimizer.element,
      c.loss.element,
    );
    this.parts['data-controls'].append(
      c.classes.element,
      c.points.element,
      c['train-ratio'].element,
      c['batch-size'].element,
      c.seed.element,
      createButton({
        label: 'Regenerate',
        title: 'New data and weights: the next seed',
        onClick: () => this.applyControl('seed', String(this.state.seed + 1)),
      }),
    );
    this.parts['advanced-controls'].append(
      c.l1.element,
      c.l2.element,
      c.init.element,
      c['batch-norm'].element,
      c.dropout.element,
      c.schedule.element,
      c['max-epochs'].element,
      c['target-loss'].element,
      c.speed.element,
    );
    this.buildTransport();
    this.parts.export.append(
      createButton({
        label: 'Export JSON',
        title: 'Download the settings, weights and loss history as JSON',
        onClick: () => this.exportJson(),
      }),
      createButton({
        label: 'Export PNG',
        title: 'Download the decision regions as a PNG image',
        onClick: () => this.exportPng(),
      }),
    );
    this.bindUnitHover();
    this.bindWeightEditing();
    this.bindCsvImport();
    this.bindPointAdding();
  }

  applyFeatures() {
    const chosen = this.featureChecks
      .filter(({ box }) => box.element.querySelector('input').checked)
      .map(({ id }) => id);
    if (chosen.length === 0) {
      this.showControlError('features: choose at least one input feature');
      this.controls.features.setValue(this.state.features);
      return;
    }
    this.applyControl('features', chosen.join(','));
  }

  buildTransport() {
    this.playButton = createButton({
      icon: 'play',
      label: 'Play',
      title: 'Train epoch after epoch',
      onClick: () => (this.playing ? this.pause() : this.play()),
    });
    this.playButton.classList.add('primary');
    this.stepCounter = document.createElement('span');
    this.stepCounter.className = 'step-counter';
    this.parts.transport.append(
      createButton({ label: 'Reset', title: 'Back to the initial weights (same seed)', onClick: () => this.reset() }),
      this.playButton,
      createButton({
        icon: 'step-forward',
        iconAfter: true,
        label: 'Step',
        title: 'Train one epoch',
        onClick: () => this.stepForward(),
      }),
      this.stepCounter,
    );
  }

  renderTransport() {
    if (!this.playButton) return;
    setButtonContent(this.playButton, {
      icon: this.playing ? 'pause' : 'play',
      label: this.playing ? 'Pause' : 'Play',
    });
    this.stepCounter.textContent = `epoch ${this.epoch}`;
  }

  syncControls() {
    const { state, controls } = this;
    if (!state || !controls) return;
    for (const name of [
      'dataset',
      'noise',
      'activation',
      'lr',
      'optimizer',
      'loss',
      'classes',
      'points',
      'train-ratio',
      'batch-size',
      'l1',
      'l2',
      'init',
      'batch-norm',
      'dropout',
      'schedule',
      'speed',
      'features',
    ])
      controls[name].setValue(state[name]);
    controls.layers.setValue(state.layers.length ? state.layers.join(',') : 'none');
    controls.seed.setValue(String(state.seed));
    controls['max-epochs'].setValue(String(state['max-epochs']));
    controls['target-loss'].setValue(formatSetting(state['target-loss']));
    controls.classes.element.hidden = state.dataset !== 'multiblobs';
    const hide = new Set(state.hide);
    for (const name of ['dataset', 'noise', 'features', 'layers', 'activation', 'lr', 'optimizer', 'loss'])
      controls[name].element.hidden = hide.has(name);
    if (state.dataset === 'csv')
      controls.noise.element.hidden = controls.points.element.hidden = true; // the CSV fixes the points
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

  // ---- drawing ----

  render() {
    if (!this.frame || !this.layout) return;
    const plotWidth = this.parts.plot.clientWidth || 320;
    const networkWidth = this.parts.network.clientWidth || 320;
    this.geometry = networkLayout(networkWidth, this.layout);
    if (this.hoveredUnit !== null && this.hoveredUnit >= this.geometry.units.length) this.hoveredUnit = null;
    this.drawParts([
      () => this.renderNetwork(networkWidth),
      () => this.renderField(plotWidth),
      () => {
        this.renderReadout();
        if (!this.parts['chart-view'].hidden) this.renderChart();
        if (!this.parts['confusion-view'].hidden) this.renderConfusion();
        this.renderTransport();
      },
    ]);
  }

  renderField(width) {
    const plotContext = prepareCanvas(this.parts.plot, width, width);
    // An output unit has no picture of its own: the plot keeps the decision field it makes.
    const hoveredPicture = this.hoveredUnit === null ? null : this.geometry.units[this.hoveredUnit].picture;
    this.plotFrame = drawDecisionField(plotContext, width, {
      layout: this.layout,
      frame: this.frame,
      showTest: true,
      hoveredPicture,
    });
    this.syncPointClasses();
    const hovered = hoveredPicture === null ? null : this.unitName(this.hoveredUnit);
    this.parts['plot-caption'].textContent = hovered
      ? `Output of ${hovered} over the plane (blue positive, orange negative); Escape or leave to see the decision regions`
      : 'Decision regions computed by the network (paler: less sure); white-edged dots train, dark-edged dots test; click to add a training point';
  }

  renderNetwork(width) {
    const { layout } = this;
    const networkContext = prepareCanvas(this.parts.network, width, this.geometry.height);
    drawNetwork(networkContext, width, {
      layout,
      frame: this.frame,
      geometry: this.geometry,
      featureLabels: this.featureLabels(),
      hoveredUnit: this.hoveredUnit,
      selectedIndex: this.selected?.index ?? null,
    });
    this.parts.network.setAttribute(
      'aria-label',
      `Network: ${Array.from(layout.layerWidths).join(' → ')} units; arrow keys show each unit's output on the plot, Enter edits the weights into it, B its bias`,
    );
    this.parts.formula.textContent = this.describeNetwork();
  }
}

// The CSV import, the input on the plots, the readouts and the export live in their own files, as
// methods of the element.
Object.assign(DescentPlayground.prototype, CSV_IMPORT, NETWORK_INPUT, READOUTS, EXPORT);
