// <descent-race>: several optimizers descend the same 2-D surface from the same
// start. The whole race comes from one call into the WebAssembly core (runRace)
// per settings change; the animation only moves the shown step through it, and
// this file only turns state into that call and draws the result.
import { prefersReducedMotion } from '../../ui/animation.js';
import { createCheckbox, createSlider } from '../../ui/controls.js';
import { createFormulaInput, FORMULA_INPUT_STYLES, submitFormula } from '../../ui/formula-input.js';
import { formatNumber, formatPoint, formatSetting } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { mapHeight } from '../../ui/contour-map.js';
import { markerSwatch } from '../../ui/markers.js';
import { drawRaceMap, racerStyle } from './plot.js';
import { DEFAULT_RACERS, MAX_LEARNING_RATE, STATE_ATTRIBUTES, checkRaceState, formatRacers, raceSchema, toRaceConfig } from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { checkExpression, isTypedSurface, withTypedSurfaces } from '../typed-surface-state.js';
import { WIDGET_STYLES } from '../widget-styles.js';

// Changing the surface resets the start and κ to the new surface's defaults.
const RESETS_ON_CHANGE = { surface: ['start', 'condition', 'expression'] };
const REDUCED_MOTION_MAX_SPEED = 10; // steps per second
const HOLD_MS = 450; // a touch held this long probes the curvature instead of moving the start
const TAP_SLOP = 8; // px a touch may wander and still count as a tap or hold

const RACE_STYLES = `
.map-hint { font-size: 12px; color: #5b6472; margin: 4px 0 0; }
.curvature { font-size: 13px; background: var(--panel); border-radius: 6px; padding: 6px 8px; margin: 6px 0 2px; min-height: 2.9em; overflow-wrap: anywhere; }
.curvature .kind { font-weight: 700; }
.curvature .kind.saddle { color: #a61e4d; }
.curvature .kind.minimum { color: var(--ok); }
.curvature .kind.maximum { color: var(--danger); }
.finish-board { list-style: none; margin: 6px 0; padding: 0; border: 1px solid var(--border); border-radius: 6px; }
.finish-board li { padding: 5px 8px; border-bottom: 1px solid var(--border); font-size: 13.5px; }
.finish-board li .swatch { vertical-align: -2px; margin-right: 6px; }
.finish-board li:last-child { border-bottom: 0; }
.finish-board li.pending { color: #5b6472; }
.finish-board .headline { font-weight: 600; }
.finish-board li.reached_minimum .headline { color: var(--ok); }
.finish-board li.diverged .headline, .finish-board li.diverging .headline { color: var(--danger); }
.finish-board li.pending .headline { color: inherit; }
.finish-board .detail { color: #5b6472; font-size: 12.5px; }
.finish-board .name { font-weight: 700; letter-spacing: 0.02em; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; color: #3b4452; margin: 2px 0; }
.legend span { display: inline-flex; gap: 4px; align-items: center; }
.section-title { font-size: 13px; font-weight: 700; margin: 12px 0 4px; }
.racers { display: grid; gap: 6px; }
.racer-row { display: grid; grid-template-columns: minmax(120px, 160px) minmax(0, 1fr); gap: 4px 12px; align-items: center; border: 1px solid var(--border); border-radius: 8px; padding: 6px 8px; }
.racer-row.off { background: var(--panel); }
.racer-row .racer-enable { display: flex; gap: 6px; align-items: center; font-weight: 600; cursor: pointer; }
.racer-row .racer-enable input { width: 18px; height: 18px; margin: 0; accent-color: var(--accent); }
.racer-row > .field { flex-direction: row; align-items: center; gap: 8px; }
.racer-row > .field > label { font-weight: 500; white-space: nowrap; }
.racer-row > .field > .slider-row { flex: 1; min-width: 0; }
.racer-row details { grid-column: 1 / -1; margin-top: 0; border-top: 0; padding-top: 0; }
.racer-row summary { font-weight: 500; font-size: 12.5px; color: #3b4452; }
.racer-row .summary { grid-column: 1 / -1; font-size: 12px; color: #5b6472; margin: 0; }
svg.swatch { flex: none; overflow: visible; }
.state-picker { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 8px; border: 0; padding: 0; }
.state-picker legend { font-size: 12px; font-weight: 600; color: #3b4452; padding: 0; margin-bottom: 4px; }
.state-picker label { display: inline-flex; gap: 5px; align-items: center; border: 1px solid var(--border); border-radius: 999px; padding: 3px 10px 3px 6px; cursor: pointer; font-size: 13px; min-height: 32px; }
.state-picker label:has(input:checked) { border-color: var(--accent); background: #e8f0fa; font-weight: 600; }
.state-picker input { margin: 0; accent-color: var(--accent); }
table.summary-table th { white-space: nowrap; }
table.summary-table td.value { white-space: nowrap; }
table.summary-table tr.selected { background: #eef4fb; }
.widget { container-type: inline-size; }
/* Narrow widgets: racer rows stack, table rows become small cards. */
@container (max-width: 560px) {
  .transport button { padding: 5px 9px; }
  .racer-row { grid-template-columns: 1fr; }
  .racer-row > .field { flex-direction: column; align-items: stretch; gap: 2px; }
  table.summary-table tr:first-child { display: none; }
  table.summary-table tr { display: grid; grid-template-columns: minmax(0, 1fr); border-bottom: 1px solid var(--border); padding: 2px 0; }
  table.summary-table th, table.summary-table td { border-bottom: 0; padding: 1px 6px; }
  table.summary-table td.value { white-space: normal; overflow-wrap: anywhere; }
  table.summary-table td::before { content: attr(data-label) " "; font-family: system-ui, sans-serif; color: #5b6472; }
  table.state-table tr { display: grid; grid-template-columns: auto minmax(0, 1fr); column-gap: 8px; border-bottom: 1px solid var(--border); padding: 2px 0; }
  table.state-table th, table.state-table td { border-bottom: 0; padding: 1px 6px; }
  table.state-table td.value { white-space: normal; overflow-wrap: anywhere; }
  table.state-table td.meaning { grid-column: 1 / -1; padding-top: 0; }
}
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Optimizer race</strong><span class="formula" data-role="formula"></span></div>
  <canvas class="plot" data-role="plot" tabindex="0" role="img"></canvas>
  <p class="map-hint">Click or drag the map to move the start (arrow keys nudge it). White arrows: downhill, −∇f (not to scale). Coloured arrows: each optimizer's next step (to scale). Hover, or press and hold, to read the curvature.</p>
  <div class="curvature" data-role="curvature" aria-live="polite">Loading the simulation core…</div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <ol class="finish-board" data-role="finish-board" aria-label="Finish board"></ol>
  <div class="chart-caption" data-role="chart-caption">Loss per step</div>
  <canvas class="chart" data-role="chart" role="img" aria-label="Loss per step of every racer"></canvas>
  <div class="legend" data-role="legend"></div>
  <div class="section-title" id="racers-title">Racers</div>
  <div class="racers" data-role="racers" role="group" aria-labelledby="racers-title"></div>
  <div class="section-title">Course</div>
  <div class="controls" data-role="shared-controls"></div>
  <div class="section-title" id="state-title">Inside the optimizers at this step</div>
  <div data-role="state-panel" role="group" aria-labelledby="state-title">
    <div class="table-scroll"><table class="summary-table" data-role="summary-table"></table></div>
    <fieldset class="state-picker" data-role="state-picker"><legend>Show the internal state of</legend></fieldset>
    <div class="table-scroll"><table class="state-table" data-role="state-table"></table></div>
  </div>
</div>`;

const pointAt = (values, k) => [values[2 * k], values[2 * k + 1]];
const roundCoordinate = (v) => Number(v.toPrecision(4));

export class DescentRace extends DescentWidget {
  // The attributes a lesson's "try this" button resets before applying its own.
  static stateAttributes = STATE_ATTRIBUTES;

  constructor() {
    super(`${WIDGET_STYLES}${RACE_STYLES}${FORMULA_INPUT_STYLES}`, TEMPLATE);
    this.race = null;
    this.frame = null;
    this.selected = null;
    this.probe = null; // {point} while the pointer hovers / holds over the map
    this.benched = new Map(); // optimizer id → its settings while switched off
    this.startedOnce = false;
    this.transportNoun = 'race';
    this.reducedMotionMaxSpeed = REDUCED_MOTION_MAX_SPEED;
    this.resetsOnChange = RESETS_ON_CHANGE;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.holdTimer);
  }

  prepare() {
    if (typeof this.core.runRace !== 'function') return 'This build of the Descent core has no runRace: rebuild descent.js.';
    this.schema = raceSchema(this.catalog);
    // The learner's own formula f(x, y) joins the surface menu.
    this.catalog = withTypedSurfaces(this.catalog, this.core.typedSurfaces());
    return '';
  }

  async initialise() {
    await super.initialise();
    // The race runs once by itself when first seen, unless the reader asked for less motion.
    if (!this.startedOnce && this.race && !prefersReducedMotion()) {
      this.startedOnce = true;
      this.shownStep = 0;
      this.play();
    }
  }

  get lastStep() {
    return this.race ? Math.max(...this.race.runs.map((run) => run.stepsCompleted)) : 0;
  }

  get updateDetail() {
    return { config: this.config, race: this.race };
  }

  checkState(state, errors) {
    checkRaceState(state, this.catalog, errors);
    checkExpression(state, this.catalog, this.core, errors);
  }

  simulate(state) {
    const config = toRaceConfig(state, this.catalog);
    const race = this.core.runRace(config);
    if (!race.ok) return race.error;
    this.config = config;
    this.race = race;
    this.surface = this.core.surfaceInfo({ surface: config.surface, condition: config.condition, expression: config.expression });
    if (!config.racers.some((r) => r.optimizer === this.selected)) this.selected = config.racers[config.racers.length - 1].optimizer;
    return '';
  }

  // Racer controls edit a copy of the racers list and write it back as one attribute.
  editRacers(change) {
    const racers = this.state.racers.map((r) => ({ ...r, hyper: { ...r.hyper } }));
    change(racers);
    const text = formatRacers(racers);
    this.controlErrors = [];
    if (text === DEFAULT_RACERS) this.removeAttribute('racers');
    else this.setAttribute('racers', text);
    this.scheduleUpdate();
  }

  setRacerEnabled(id, enabled) {
    if (!enabled && this.state.racers.length === 1 && this.state.racers[0].id === id) {
      this.showControlError('At least one optimizer has to race: switch another one on first.');
      this.syncControls();
      return;
    }
    this.editRacers((racers) => {
      const index = racers.findIndex((r) => r.id === id);
      if (enabled && index < 0) {
        // Back with the settings it had, at the end of the list: the core gives racer i the
        // i-th noise stream, so appending leaves every other racer's noise as it was.
        racers.push(this.benched.get(id) ?? { id, lr: null, hyper: {} });
      } else if (!enabled && index >= 0) {
        this.benched.set(id, racers[index]);
        racers.splice(index, 1);
      }
    });
  }

  setRacerSetting(id, key, raw) {
    const info = this.catalog.optimizers.find((o) => o.id === id);
    const value = raw === '' ? NaN : Number(raw);
    const parameter = key === 'lr' ? { min: 1e-9, max: MAX_LEARNING_RATE, label: 'learning rate' } : info.hyperParameters.find((p) => p.key === key);
    if (!Number.isFinite(value) || value < parameter.min || value > parameter.max || (parameter.integer && !Number.isInteger(value))) {
      this.showControlError(`${info.label} ${parameter.label}: "${raw}" is not ${parameter.integer ? 'a whole number' : 'a number'} between ${parameter.min} and ${parameter.max}`);
      return;
    }
    this.editRacers((racers) => {
      const racer = racers.find((r) => r.id === id);
      if (!racer) return;
      if (key === 'lr') racer.lr = value === info.defaultLearningRate ? null : value;
      else if (value === parameter.defaultValue) delete racer.hyper[key];
      else racer.hyper[key] = value;
    });
  }


  submitFormula(text) {
    submitFormula({ core: this.core, box: this.controls.expression, text, dimension: 2, apply: (formula) => this.applyControl('expression', formula) });
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      surface: this.schemaControl('surface'),
      expression: createFormulaInput({ name: 'expression', label: 'Your formula', prefix: 'f(x, y) =', hint: 'Operators + − * / ^; functions exp log sin cos tanh sigmoid relu abs sqrt; press Enter to race', onChange: (text) => this.submitFormula(text) }),
      condition: this.schemaControl('condition'),
      steps: this.schemaControl('steps'),
      start: this.schemaControl('start'),
      noise: this.schemaControl('noise'),
      seed: this.schemaControl('seed'),
      speed: this.schemaControl('speed'),
    };
    const c = this.controls;
    this.parts['shared-controls'].append(c.surface.element, c.expression.element, c.condition.element, c.steps.element, c.start.element, c.noise.element, c.seed.element, c.speed.element);
    this.buildRacerRows();
    this.buildTransport();
    this.bindMapInput();
  }

  // A row per optimizer of the catalog: on/off, colour and shape, learning rate,
  // and its hyper-parameters (from the catalog's table) behind an expander.
  buildRacerRows() {
    this.racerRows = new Map();
    for (const info of this.catalog.optimizers) {
      const { color, shape } = racerStyle(info.id);
      const row = document.createElement('div');
      row.className = 'racer-row';
      row.dataset.racer = info.id;
      const enable = document.createElement('label');
      enable.className = 'racer-enable';
      const checkbox = document.createElement('input');
      checkbox.type = 'checkbox';
      checkbox.setAttribute('aria-label', `${info.label} races`);
      checkbox.addEventListener('change', () => this.setRacerEnabled(info.id, checkbox.checked));
      const name = document.createElement('span');
      name.textContent = info.label;
      enable.append(checkbox, markerSwatch(shape, color, 16), name);
      const lr = createSlider({
        name: `${info.id}-lr`, label: 'Learning rate α', min: 1e-4, max: 10, logScale: true,
        hint: `${info.label}'s learning rate (log scale; type any value up to ${MAX_LEARNING_RATE}); catalog default ${formatSetting(info.defaultLearningRate)}`,
        onChange: (raw) => this.setRacerSetting(info.id, 'lr', raw),
      });
      labelInputs(lr.element, `${info.label} learning rate α`);
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `${info.label} hyper-parameters`;
      const grid = document.createElement('div');
      grid.className = 'controls';
      const hyper = new Map();
      for (const parameter of info.hyperParameters) {
        const onChange = (raw) => this.setRacerSetting(info.id, parameter.key, raw);
        const isSwitch = parameter.integer && parameter.min === 0 && parameter.max === 1;
        const control = isSwitch
          ? createCheckbox({ name: `${info.id}-${parameter.key}`, label: parameter.label, hint: parameter.meaning, onChange: (checked) => onChange(checked ? '1' : '0') })
          : createSlider({ name: `${info.id}-${parameter.key}`, label: parameter.label, min: parameter.logScale ? Math.max(parameter.min, 1e-12) : parameter.min, max: parameter.max, integer: parameter.integer, logScale: parameter.logScale, hint: parameter.meaning, onChange });
        labelInputs(control.element, `${info.label} ${parameter.label}`);
        hyper.set(parameter.key, control);
        grid.append(control.element);
      }
      const note = document.createElement('p');
      note.className = 'summary';
      note.textContent = info.summary;
      details.append(summary, note, grid);
      row.append(enable, lr.element, details);
      this.parts.racers.append(row);
      this.racerRows.set(info.id, { row, checkbox, lr, hyper, details });
    }
  }

  syncControls() {
    const { state, config, catalog, controls } = this;
    if (!config) return;
    controls.surface.setValue(config.surface);
    controls.condition.setValue(config.condition);
    controls.condition.element.hidden = config.surface !== 'ravine';
    controls.expression.element.hidden = !isTypedSurface(config.surface);
    if (config.expression) controls.expression.setValue(config.expression);
    controls.steps.setValue(config.steps);
    controls.start.setValue(config.start.map((v) => formatNumber(v, 3).replace(/\.?0+$/, '')).join(', '));
    controls.noise.setValue(config.noise);
    controls.seed.setValue(String(config.seed));
    controls.speed.setValue(state.speed);
    for (const info of catalog.optimizers) {
      const { row, checkbox, lr, hyper, details } = this.racerRows.get(info.id);
      const racer = config.racers.find((r) => r.optimizer === info.id);
      checkbox.checked = Boolean(racer);
      row.classList.toggle('off', !racer);
      lr.element.hidden = !racer;
      details.hidden = !racer;
      if (!racer) continue;
      lr.setValue(racer.lr);
      for (const parameter of info.hyperParameters) hyper.get(parameter.key).setValue(racer.hyper[parameter.key] ?? parameter.defaultValue);
    }
  }

  // Mouse: click or drag moves the start, hovering probes the curvature.
  // Touch and pen: a tap or a drag moves the start; press and hold probes the curvature.
  // Keyboard: arrow keys nudge the start.
  bindMapInput() {
    const canvas = this.parts.plot;
    const worldAt = (event) => {
      const rect = canvas.getBoundingClientRect();
      return this.frame.toWorld(event.clientX - rect.left, event.clientY - rect.top);
    };
    const moveStartTo = (event) => {
      if (!this.frame) return;
      if (event.pointerType !== 'mouse') this.probe = null;
      const [x, y] = worldAt(event);
      this.applyControl('start', `${roundCoordinate(x)},${roundCoordinate(y)}`);
    };
    const probeAt = (event) => {
      if (!this.frame) return;
      this.probe = { point: worldAt(event) };
      this.renderMap();
      this.renderCurvature();
    };
    let gesture = null; // {pointerId, x, y, mode: 'pending' | 'drag' | 'hold'}
    canvas.addEventListener('pointerdown', (event) => {
      try {
        canvas.setPointerCapture(event.pointerId);
      } catch {
        // A pointer that is no longer active cannot be captured; the gesture still works.
      }
      this.animator.pause();
      if (event.pointerType === 'mouse') {
        gesture = { pointerId: event.pointerId, mode: 'drag' };
        moveStartTo(event);
        return;
      }
      gesture = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, mode: 'pending' };
      clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => {
        if (gesture?.mode !== 'pending') return;
        gesture.mode = 'hold';
        probeAt(event);
      }, HOLD_MS);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (!gesture || gesture.pointerId !== event.pointerId) {
        if (event.pointerType === 'mouse') probeAt(event);
        return;
      }
      if (gesture.mode === 'pending' && Math.hypot(event.clientX - gesture.x, event.clientY - gesture.y) > TAP_SLOP) {
        clearTimeout(this.holdTimer);
        gesture.mode = 'drag';
      }
      if (gesture.mode === 'drag') moveStartTo(event);
      else if (gesture.mode === 'hold') probeAt(event);
      if (event.pointerType === 'mouse') probeAt(event);
    });
    const finish = (event) => {
      if (!gesture || gesture.pointerId !== event.pointerId) return;
      clearTimeout(this.holdTimer);
      if (gesture.mode === 'pending' && event.type === 'pointerup') moveStartTo(event);
      gesture = null;
    };
    canvas.addEventListener('pointerup', finish);
    canvas.addEventListener('pointercancel', finish);
    // A mouse probe ends when the mouse leaves; a touch probe stays readable after the finger
    // lifts, until the next tap or drag.
    canvas.addEventListener('pointerleave', (event) => {
      if (event.pointerType !== 'mouse' || !this.probe) return;
      this.probe = null;
      this.renderMap();
      this.renderCurvature();
    });
    canvas.addEventListener('contextmenu', (event) => event.preventDefault()); // long-press menu on touch
    this.bindStartNudging(canvas);
  }

  // ---- drawing ----

  get racers() {
    return this.config.racers.map((racer, i) => ({ id: racer.optimizer, info: this.catalog.optimizers.find((o) => o.id === racer.optimizer), run: this.race.runs[i] }));
  }

  // The step shown for one racer: a run that diverged stops early.
  stepOf(run) {
    return Math.min(this.shownStep, run.stepsCompleted);
  }

  render() {
    if (!this.config || !this.race) return;
    this.parts.formula.textContent = `f = ${this.surface.formula}`;
    // Read the layout once, before any DOM writes, so a frame forces no extra layout.
    const mapWidth = this.parts.plot.clientWidth || 600;
    const chartWidth = this.parts.chart.clientWidth || 600;
    this.renderMap(mapWidth);
    this.renderCurvature();
    this.renderFinishBoard();
    this.renderLossChart(chartWidth);
    this.renderStatePanel();
    this.renderTransport();
  }

  renderMap(width = this.parts.plot.clientWidth || 600) {
    if (!this.config || !this.race) return;
    const canvas = this.parts.plot;
    const height = mapHeight(width, this.surface.box);
    const context = prepareCanvas(canvas, width, height);
    // The eigen-directions are drawn where the pointer probes (not at the racer, where the arrows are).
    const probe = this.probe && { point: this.probe.point, curvature: this.curvatureAt(this.probe.point) };
    this.frame = drawRaceMap(context, width, height, {
      core: this.core, config: this.config, surface: this.surface, racers: this.racers, shownStep: this.shownStep, selected: this.selected, probe,
    });
    canvas.setAttribute('aria-label', `Map of f = ${this.surface.formula} with ${this.racers.map((r) => r.info.label).join(', ')} racing from (${this.config.start.join(', ')}); arrow keys move the start point`);
  }

  // Where the curvature is read: the hovered/held point, else the selected racer's current point.
  probePoint() {
    if (this.probe) return { point: this.probe.point, source: 'Under the pointer' };
    const racer = this.racers.find((r) => r.id === this.selected);
    if (!racer) return null;
    return { point: pointAt(racer.run.positions, this.stepOf(racer.run)), source: `${racer.info.label} at step ${this.stepOf(racer.run)}`, racer: true };
  }

  curvatureAt(point) {
    if (!point.every(Number.isFinite)) return { ok: false, error: 'the point is not finite (the run diverged)' };
    const key = `${this.config.surface}|${this.config.condition}|${this.config.expression}|${point[0]}|${point[1]}`;
    this.curvatureCache ??= new Map();
    if (!this.curvatureCache.has(key)) {
      if (this.curvatureCache.size >= 32) this.curvatureCache.delete(this.curvatureCache.keys().next().value);
      this.curvatureCache.set(key, this.core.surfaceCurvature({ surface: this.config.surface, condition: this.config.condition, expression: this.config.expression, point: [...point] }));
    }
    return this.curvatureCache.get(key);
  }

  renderCurvature() {
    const element = this.parts.curvature;
    const probe = this.probePoint();
    if (!probe) return;
    // Announced when it changes on request (hover, step, pause), not 30 times a second while playing.
    element.setAttribute('aria-live', this.animator.playing ? 'off' : 'polite');
    const curvature = this.curvatureAt(probe.point);
    const where = `${probe.source}, (x, y) = ${formatPoint(probe.point)}`;
    if (!curvature.ok) {
      element.textContent = `${where}: no curvature — ${curvature.error}`;
      return;
    }
    const [l1, l2] = curvature.eigenvalues;
    const kind = document.createElement('span');
    kind.className = `kind ${curvature.kind}`;
    kind.textContent = curvature.kind;
    element.replaceChildren(
      `${where}: `, kind,
      ` — Hessian eigenvalues λ₁ = ${formatNumber(l1)}, λ₂ = ${formatNumber(l2)}. ${curvature.explanation}`,
      this.probe ? ' (On the map: solid white line = curves up, dashed yellow = curves down.)' : '',
    );
  }

  // One line per racer from the core's verdict (outcome, reachedMinimumAtStep,
  // divergedAtStep, message). Sorted like a race result: arrivals by step first.
  finishEntries() {
    if (this.finishCache?.race === this.race) return this.finishCache.entries;
    const rank = { reached_minimum: 0, escaped: 1, descending: 2, stuck: 3, diverging: 4, diverged: 5 };
    const entries = this.racers.map((racer) => ({ ...racer, line: this.finishLine(racer.run) }));
    entries.sort((a, b) => rank[a.run.outcome] - rank[b.run.outcome]
      || (a.run.outcome === 'reached_minimum' ? a.run.reachedMinimumAtStep - b.run.reachedMinimumAtStep : 0)
      || (a.run.outcome === 'escaped' ? a.run.divergedAtStep - b.run.divergedAtStep : 0)
      || (a.run.outcome === 'diverged' ? b.run.divergedAtStep - a.run.divergedAtStep : 0));
    this.finishCache = { race: this.race, entries };
    return entries;
  }

  renderFinishBoard() {
    const entries = this.finishEntries();
    // Rebuilt only when the race or a line's pending state changes (not every frame).
    const pendingKey = entries.map(({ line }) => (this.shownStep < line.atStep ? 1 : 0)).join('');
    if (this.boardKey?.race === this.race && this.boardKey.pending === pendingKey) return;
    this.boardKey = { race: this.race, pending: pendingKey };
    // Line breaks between the items keep the board's text readable as text (one line per racer).
    this.parts['finish-board'].replaceChildren(...entries.flatMap(({ id, info, run, line }, index) => {
      const item = document.createElement('li');
      const pending = this.shownStep < line.atStep;
      item.className = `${run.outcome}${pending ? ' pending' : ''}`;
      item.dataset.racer = id;
      const { color, shape } = racerStyle(id);
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = info.label.toUpperCase();
      const headline = document.createElement('span');
      headline.className = 'headline';
      headline.textContent = line.headline;
      item.append(markerSwatch(shape, color, 14), name, ' — ', headline);
      if (line.detail) {
        const detail = document.createElement('span');
        detail.className = 'detail';
        detail.textContent = ` (${line.detail})`;
        item.append(detail);
      }
      return index === 0 ? [item] : ['\n', item];
    }));
  }

  // {headline, detail, atStep}: the words for a run's outcome, the core's explanation
  // (its message, less what the headline already says) and the step that decides it.
  finishLine(run) {
    const line = this.finishHeadline(run);
    if (!line.explain) return line;
    const colon = run.message.indexOf(': ');
    const lead = colon < 0 ? '' : run.message.slice(0, colon);
    const detail = lead && line.headline.startsWith(lead) ? run.message.slice(colon + 2) : run.message;
    return { ...line, detail };
  }

  finishHeadline(run) {
    const { surface } = this;
    const end = run.stepsCompleted;
    switch (run.outcome) {
      case 'reached_minimum': {
        const minimum = surface.minima[run.nearestMinimum];
        let where = '';
        if (minimum && surface.minima.length > 1) where = ` — at ${formatPoint(Array.from(minimum.point), 2)}${minimum.global ? '' : ', a local minimum, not the lowest'}`;
        return { headline: `reached the minimum at step ${run.reachedMinimumAtStep}${where}`, atStep: run.reachedMinimumAtStep };
      }
      case 'diverged':
        return { headline: `diverged at step ${run.divergedAtStep}`, explain: true, atStep: run.divergedAtStep };
      case 'escaped':
        return { headline: `escaped downhill at step ${run.divergedAtStep}`, explain: true, atStep: run.divergedAtStep };
      case 'stuck': {
        const curvature = this.curvatureAt(pointAt(run.positions, end));
        const place = curvature.ok && curvature.kind === 'saddle' ? 'at a saddle point' : curvature.ok && curvature.kind === 'maximum' ? 'at a maximum' : 'on a flat spot';
        return { headline: `stuck ${place}`, explain: true, atStep: end };
      }
      case 'diverging':
        return { headline: 'diverging', explain: true, atStep: end };
      default:
        return { headline: `still on its way after ${end} steps`, atStep: end };
    }
  }

  // The chart's series, caption and legend change only with the race.
  lossChartData() {
    if (this.chartData?.race === this.race) return this.chartData;
    const { surface } = this;
    const globals = surface.minima.filter((m) => m.global);
    const best = globals.length ? Math.min(...globals.map((m) => m.value)) : null;
    const logScale = best !== null;
    const racers = this.racers;
    const series = racers.map(({ id, run }) => ({ color: racerStyle(id).color, values: logScale ? run.losses.map((f) => f - best) : run.losses }));
    // Every racer starts at the same loss; a run that blows up leaves the chart
    // (through the top, or through the bottom on a surface that falls forever).
    const first = series[0].values[0];
    const reach = 10 * Math.max(1, Math.abs(first));
    this.parts['chart-caption'].textContent = logScale
      ? `Loss gap f − f* per step (log scale, f* = ${formatNumber(best, 3)})`
      : `Loss f per step (${isTypedSurface(this.config.surface) ? 'your formula: no known minimum' : 'this surface has no minimum'})`;
    this.parts.legend.replaceChildren(...racers.map(({ id, info }) => {
      const item = document.createElement('span');
      const { color, shape } = racerStyle(id);
      item.append(markerSwatch(shape, color, 12), info.label);
      return item;
    }));
    this.chartData = {
      race: this.race,
      options: { series, logScale, xLabel: 'step', yLabel: logScale ? 'f − f*' : 'f', yCeiling: logScale ? Math.max(first, 1e-12) * 1e3 : first + reach, yFloor: logScale ? -Infinity : first - reach },
    };
    return this.chartData;
  }

  renderLossChart(width = this.parts.chart.clientWidth || 600) {
    const { options } = this.lossChartData();
    const height = Math.round(Math.min(220, Math.max(150, width * 0.3)));
    const context = prepareCanvas(this.parts.chart, width, height);
    drawLineChart(context, width, height, { ...options, currentIndex: this.shownStep });
  }

  // A summary row per racer (position, loss, gradient at the shown step) and the
  // selected racer's internal state, all as the core recorded them.
  renderStatePanel() {
    const racers = this.racers;
    const summary = this.parts['summary-table'];
    const header = document.createElement('tr');
    for (const text of ['racer', '(x, y)', 'f', '∇f']) {
      const cell = document.createElement('th');
      cell.textContent = text;
      cell.scope = 'col';
      header.append(cell);
    }
    summary.replaceChildren(header, ...racers.map(({ id, info, run }) => {
      const k = this.stepOf(run);
      const row = document.createElement('tr');
      row.dataset.racer = id;
      row.classList.toggle('selected', id === this.selected);
      const name = document.createElement('th');
      name.scope = 'row';
      const { color, shape } = racerStyle(id);
      name.append(markerSwatch(shape, color, 12), ` ${info.label}`);
      row.append(name);
      if (k < this.shownStep) name.append(` (ended at step ${k})`);
      for (const [key, label, text] of [
        ['position', '(x, y)', formatPoint(pointAt(run.positions, k), 4)],
        ['loss', 'f', formatNumber(run.losses[k], 4)],
        ['gradient', '∇f', formatPoint(pointAt(run.gradients, k), 4)],
      ]) {
        const cell = document.createElement('td');
        cell.className = 'value';
        cell.dataset.key = key;
        cell.dataset.label = label;
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }));

    const picker = this.parts['state-picker'];
    const ids = racers.map((r) => r.id).join(',');
    if (picker.dataset.racers !== ids) {
      picker.dataset.racers = ids;
      const legend = picker.querySelector('legend');
      picker.replaceChildren(legend, ...racers.map(({ id, info }) => {
        const label = document.createElement('label');
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = 'state-racer';
        radio.value = id;
        radio.addEventListener('change', () => {
          this.selected = id;
          this.render();
        });
        const { color, shape } = racerStyle(id);
        label.append(radio, markerSwatch(shape, color, 14), info.label);
        return label;
      }));
    }
    for (const radio of picker.querySelectorAll('input')) radio.checked = radio.value === this.selected;

    const selected = racers.find((r) => r.id === this.selected) ?? racers[0];
    const { run, info } = selected;
    const k = this.stepOf(run);
    const vector = (values, index) => formatPoint(pointAt(values, index), 4);
    const rows = [
      ['step', 'step', String(k), `updates ${info.label} has applied so far${run.stepsCompleted < this.shownStep ? ' (its run ended here)' : ''}`],
      ['position', '(x, y)', vector(run.positions, k), 'where it is now'],
      ['loss', 'f', formatNumber(run.losses[k], 4), 'the loss there'],
      ['gradient', '∇f', vector(run.gradients, k), 'gradient at the current point (the slope it feels)'],
    ];
    if (k > 0) {
      rows.push(['lr', 'α', formatNumber(run.learningRates[k - 1], 4), 'learning rate of the latest step']);
      for (const track of run.state) rows.push([track.key, track.label, vector(track.values, k - 1), track.meaning]);
    } else {
      rows.push(['note', '', '', `no step taken yet: ${info.label}'s internal state starts at its initial value`]);
    }
    const table = this.parts['state-table'];
    table.setAttribute('aria-label', `${info.label} at step ${k}`);
    table.replaceChildren(...rows.map(([key, name, value, meaning]) => {
      const row = document.createElement('tr');
      row.dataset.key = key;
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = name;
      const valueCell = document.createElement('td');
      valueCell.className = 'value';
      valueCell.textContent = value;
      const meaningCell = document.createElement('td');
      meaningCell.className = 'meaning';
      meaningCell.textContent = meaning;
      row.append(head, valueCell, meaningCell);
      return row;
    }));
  }


}

// Gives a control's inputs an accessible name that says which racer they belong to
// (the visible label is short: the racer's row already names it).
function labelInputs(element, name) {
  for (const input of element.querySelectorAll('input')) {
    input.setAttribute('aria-label', input.type === 'range' ? `${name} slider` : name);
  }
}
