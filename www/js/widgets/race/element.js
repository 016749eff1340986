// <descent-race>: several optimizers descend the same 2-D surface from the same
// start. The whole race comes from one call into the WebAssembly core (runRace)
// per settings change; the animation only moves the shown step through it, and
// this file only turns state into that call and draws the result.
import { prefersReducedMotion } from '../../ui/animation.js';
import { createFormulaInput, FORMULA_INPUT_STYLES, submitFormula } from '../../ui/formula-input.js';
import { formatNumber } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { mapHeight, prepareContourMap } from '../../ui/contour-map.js';
import { drawRaceMap, pointAt } from './plot.js';
import { STATE_ATTRIBUTES, checkRaceState, raceSchema, toRaceConfig } from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { checkExpression, isTypedSurface, withTypedSurfaces } from '../typed-surface-state.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { MAP_INPUT } from './map-input.js';
import { RACER_EDITOR } from './racer-editor.js';
import { READOUTS } from './readouts.js';

// Changing the surface resets the start and κ to the new surface's defaults.
const RESETS_ON_CHANGE = { surface: ['start', 'condition', 'expression'] };
const REDUCED_MOTION_MAX_SPEED = 10; // steps per second

const RACE_STYLES = `
.map-hint { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
.curvature { font-size: 13px; background: var(--panel); border-radius: 6px; padding: 6px 8px; margin: 6px 0 2px; min-height: 2.9em; overflow-wrap: anywhere; }
.curvature .kind { font-weight: 700; }
.curvature .kind.saddle { color: light-dark(#a61e4d, #ff8fb8); }
.curvature .kind.minimum { color: var(--ok); }
.curvature .kind.maximum { color: var(--danger); }
.finish-board { list-style: none; margin: 6px 0; padding: 0; border: 1px solid var(--border); border-radius: 6px; }
.finish-board li { padding: 5px 8px; border-bottom: 1px solid var(--border); font-size: 13.5px; }
.finish-board li .swatch { vertical-align: -2px; margin-right: 6px; }
.finish-board li:last-child { border-bottom: 0; }
.finish-board li.pending { color: var(--muted); }
.finish-board .headline { font-weight: 600; }
.finish-board li.reached_minimum .headline { color: var(--ok); }
.finish-board li.diverged .headline, .finish-board li.diverging .headline { color: var(--danger); }
.finish-board li.pending .headline { color: inherit; }
.finish-board .detail { color: var(--muted); font-size: 12.5px; }
.finish-board .name { font-weight: 700; letter-spacing: 0.02em; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; color: var(--secondary); margin: 2px 0; }
.legend span { display: inline-flex; gap: 4px; align-items: center; }
.section-title { font-size: 13px; font-weight: 700; margin: 12px 0 4px; }
.racers { display: grid; gap: 6px; }
.racer-row { display: grid; grid-template-columns: minmax(120px, 160px) minmax(0, 1fr); gap: 4px 12px; align-items: center; border: 1px solid var(--border); border-radius: 8px; padding: 6px 8px; }
.racer-row.off { background: var(--panel); }
.racer-row .racer-enable { display: flex; gap: 6px; align-items: center; font-weight: 600; cursor: pointer; }
.racer-row .racer-enable input { margin: 0; }
.racer-row > .field { flex-direction: row; align-items: center; gap: 8px; }
.racer-row > .field > label { font-weight: 500; white-space: nowrap; }
.racer-row > .field > .slider-row { flex: 1; min-width: 0; }
.racer-row details { grid-column: 1 / -1; margin-top: 0; border-top: 0; padding-top: 0; }
.racer-row summary { font-weight: 500; font-size: 12.5px; color: var(--secondary); }
.racer-row .summary { grid-column: 1 / -1; font-size: 12px; color: var(--muted); margin: 0; }
svg.swatch { flex: none; overflow: visible; }
.state-picker { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 8px; border: 0; padding: 0; }
.state-picker legend { font-size: 12px; font-weight: 600; color: var(--secondary); padding: 0; margin-bottom: 4px; }
.state-picker label { display: inline-flex; gap: 5px; align-items: center; border: 1px solid var(--border); border-radius: 999px; padding: 3px 10px 3px 6px; cursor: pointer; font-size: 13px; min-height: 32px; }
.state-picker label:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); font-weight: 600; }
.state-picker input { margin: 0; accent-color: var(--accent); }
table.summary-table th { white-space: nowrap; }
table.summary-table td.value { white-space: nowrap; }
table.summary-table tr.selected { background: var(--accent-soft); }
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
  table.summary-table td::before { content: attr(data-label) " "; font-family: system-ui, sans-serif; color: var(--muted); }
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
  <div class="curvature" data-role="curvature" aria-live="polite" data-loading>Loading the simulation core…</div>
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

export class DescentRace extends DescentWidget {
  // The attributes a lesson's "try this" button resets before applying its own.
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'surfaces';

  constructor() {
    super(`${WIDGET_STYLES}${RACE_STYLES}${FORMULA_INPUT_STYLES}`, TEMPLATE);
    this.race = null;
    this.frame = null;
    this.selected = null;
    this.probe = null; // {point} while the pointer hovers / holds over the map
    this.benched = new Map(); // optimizer id → its settings while switched off
    this.transportNoun = 'race';
    this.reducedMotionMaxSpeed = REDUCED_MOTION_MAX_SPEED;
    this.resetsOnChange = RESETS_ON_CHANGE;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.holdTimer);
  }

  prepare() {
    if (typeof this.core.runRace !== 'function')
      return 'This build of the Descent core has no runRace: rebuild descent.js.';
    this.schema = raceSchema(this.catalog);
    // The learner's own formula f(x, y) joins the surface menu.
    this.catalog = withTypedSurfaces(this.catalog, this.core.typedSurfaces());
    return '';
  }

  // The race runs once by itself when first seen, unless the reader asked for less motion.
  initialise() {
    this.playAfterUpdate = !prefersReducedMotion();
    return super.initialise();
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
    this.surface = this.core.surfaceInfo({
      surface: config.surface,
      condition: config.condition,
      expression: config.expression,
    });
    if (!config.racers.some((r) => r.optimizer === this.selected))
      this.selected = config.racers[config.racers.length - 1].optimizer;
    return '';
  }

  submitFormula(text) {
    submitFormula({
      core: this.core,
      box: this.controls.expression,
      text,
      dimension: 2,
      apply: (formula) => this.applyControl('expression', formula),
    });
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      surface: this.schemaControl('surface'),
      expression: createFormulaInput({
        name: 'expression',
        label: 'Your formula',
        prefix: 'f(x, y) =',
        hint: 'Operators + − * / ^; functions exp log sin cos tanh sigmoid relu abs sqrt; press Enter to race',
        onChange: (text) => this.submitFormula(text),
      }),
      condition: this.schemaControl('condition'),
      steps: this.schemaControl('steps'),
      start: this.schemaControl('start'),
      noise: this.schemaControl('noise'),
      seed: this.schemaControl('seed'),
      speed: this.schemaControl('speed'),
    };
    const c = this.controls;
    this.parts['shared-controls'].append(
      c.surface.element,
      c.expression.element,
      c.condition.element,
      c.steps.element,
      c.start.element,
      c.noise.element,
      c.seed.element,
      c.speed.element,
    );
    this.buildRacerRows();
    this.buildTransport();
    this.bindMapInput();
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
      for (const parameter of info.hyperParameters)
        hyper.get(parameter.key).setValue(racer.hyper[parameter.key] ?? parameter.defaultValue);
    }
  }

  // ---- drawing ----

  get racers() {
    return this.config.racers.map((racer, i) => ({
      id: racer.optimizer,
      info: this.catalog.optimizers.find((o) => o.id === racer.optimizer),
      run: this.race.runs[i],
    }));
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
    const steps = [
      () =>
        prepareContourMap(this.parts.plot, mapWidth, mapHeight(mapWidth, this.surface.box), {
          core: this.core,
          spec: this.config,
          surfaceInfo: this.surface,
          onSharper: () => this.renderMap(),
        }),
      () => this.renderMap(mapWidth),
      () => {
        this.renderCurvature();
        this.renderFinishBoard();
      },
      () => {
        this.renderLossChart(chartWidth);
        this.renderStatePanel();
        this.renderTransport();
      },
    ];
    // The first picture in four frames (80–110 ms in one on first load), and so the first of a new
    // surface (its map computed, 40–55 ms with the rest); redraws take 4–6 ms.
    const surfaceKey = JSON.stringify([this.config.surface, this.config.condition, this.config.expression]);
    this.drawParts(steps, surfaceKey !== this.drawnSurfaceKey);
    this.drawnSurfaceKey = surfaceKey;
  }

  renderMap(width = this.parts.plot.clientWidth || 600) {
    if (!this.config || !this.race) return;
    const canvas = this.parts.plot;
    const height = mapHeight(width, this.surface.box);
    const context = prepareCanvas(canvas, width, height);
    // The eigen-directions are drawn where the pointer probes (not at the racer, where the arrows are).
    const probe = this.probe && { point: this.probe.point, curvature: this.curvatureAt(this.probe.point) };
    this.frame = drawRaceMap(context, width, height, {
      core: this.core,
      config: this.config,
      surface: this.surface,
      racers: this.racers,
      shownStep: this.shownStep,
      selected: this.selected,
      probe,
      onSharper: () => this.renderMap(),
    });
    canvas.setAttribute(
      'aria-label',
      `Map of f = ${this.surface.formula} with ${this.racers.map((r) => r.info.label).join(', ')} racing from (${this.config.start.join(', ')}); arrow keys move the start point`,
    );
  }

  // Where the curvature is read: the hovered/held point, else the selected racer's current point.
  probePoint() {
    if (this.probe) return { point: this.probe.point, source: 'Under the pointer' };
    const racer = this.racers.find((r) => r.id === this.selected);
    if (!racer) return null;
    return {
      point: pointAt(racer.run.positions, this.stepOf(racer.run)),
      source: `${racer.info.label} at step ${this.stepOf(racer.run)}`,
      racer: true,
    };
  }

  curvatureAt(point) {
    if (!point.every(Number.isFinite)) return { ok: false, error: 'the point is not finite (the run diverged)' };
    const key = `${this.config.surface}|${this.config.condition}|${this.config.expression}|${point[0]}|${point[1]}`;
    this.curvatureCache ??= new Map();
    if (!this.curvatureCache.has(key)) {
      if (this.curvatureCache.size >= 32) this.curvatureCache.delete(this.curvatureCache.keys().next().value);
      this.curvatureCache.set(
        key,
        this.core.surfaceCurvature({
          surface: this.config.surface,
          condition: this.config.condition,
          expression: this.config.expression,
          point: [...point],
        }),
      );
    }
    return this.curvatureCache.get(key);
  }
}

// The racer editor, the map input and the readouts live in their own files, as methods of the
// element.
Object.assign(DescentRace.prototype, RACER_EDITOR, MAP_INPUT, READOUTS);
