// <descent-gd>: the gradient-descent visualizer. Every number it shows comes
// from one call into the WebAssembly core (runDescent); this file only turns
// state into that call and draws the result.
import { createCheckbox, createSlider } from '../../ui/controls.js';
import { createFormulaInput, FORMULA_INPUT_STYLES, submitFormula } from '../../ui/formula-input.js';
import { formatNumber, formatPoint } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { drawOneDimensional, drawTwoDimensional, plotHeight, PATH_COLOR } from './plot.js';
import {
  GD_SCHEMA,
  HYPER_PARAMETER_KEYS,
  SCHEDULE_PARAMETER_KEYS,
  STATE_ATTRIBUTES,
  attributeName,
  checkCatalogNames,
  toCoreConfig,
} from './state.js';
import { checkExpression, isTypedSurface, withTypedSurfaces } from '../typed-surface-state.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';

// Attributes that describe a different problem: changing one resets the learning
// rate and start to the new problem's defaults.
const RESETS_ON_CHANGE = {
  surface: ['start', 'lr', 'condition', 'expression'],
  optimizer: ['lr', ...HYPER_PARAMETER_KEYS.map(attributeName)],
  schedule: SCHEDULE_PARAMETER_KEYS.map(attributeName),
};

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Gradient descent</strong><span class="formula" data-role="formula"></span></div>
  <canvas class="plot" data-role="plot" tabindex="0" role="img"></canvas>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div class="chart-caption" data-role="chart-caption">Loss per step</div>
  <canvas class="chart" data-role="chart" role="img" aria-label="Loss per step"></canvas>
  <div class="controls" data-role="basic-controls"></div>
  <details data-role="advanced"><summary>More settings: hyper-parameters, schedule, clipping, noise</summary>
    <div class="controls" data-role="advanced-controls"></div>
  </details>
  <details data-role="state-panel"><summary>Optimizer state at this step</summary>
    <div class="table-scroll"><table data-role="state-table"></table></div>
  </details>
</div>`;

export class DescentGd extends DescentWidget {
  // The attributes a lesson's "try this" button resets before applying its own.
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'surfaces';

  constructor() {
    super(WIDGET_STYLES + FORMULA_INPUT_STYLES, TEMPLATE);
    this.run = null;
    this.transportNoun = 'descent';
    this.reducedMotionMaxSpeed = 2;
    this.resetsOnChange = RESETS_ON_CHANGE;
  }

  prepare() {
    this.schema = GD_SCHEMA;
    // The learner's own formula joins the surface menu (custom1d: f(x), custom: f(x, y)).
    this.catalog = withTypedSurfaces(this.catalog, this.core.typedSurfaces());
    return '';
  }

  get lastStep() {
    return this.run ? this.run.stepsCompleted : 0;
  }

  checkState(state, errors) {
    checkCatalogNames(state, this.catalog, errors);
    checkExpression(state, this.catalog, this.core, errors);
    const surfaceInfo = this.catalog.surfaces.find((s) => s.id === state.surface);
    if (state.start && state.start.length !== surfaceInfo.dimension) {
      errors.push(
        `start: ${surfaceInfo.label} needs ${surfaceInfo.dimension === 1 ? 'one number (θ)' : 'two numbers "x,y"'} — using its default start`,
      );
      state.start = null;
    }
  }

  simulate(state) {
    const config = toCoreConfig(state, this.catalog);
    const run = this.api.runDescent(config); // a DescentError is shown by update()
    const surface = this.api.surfaceInfo({
      surface: config.surface,
      condition: config.condition,
      expression: config.expression,
    });
    this.config = config;
    this.run = run;
    this.surface = surface;
    return '';
  }

  // ---- controls ----

  buildControls() {
    const basic = this.parts['basic-controls'];
    const advanced = this.parts['advanced-controls'];
    this.controls = {
      surface: this.schemaControl('surface'),
      expression: createFormulaInput({
        name: 'expression',
        label: 'Your formula',
        prefix: 'f =',
        hint: 'Operators + − * / ^; functions exp log sin cos tanh sigmoid relu abs sqrt; press Enter to run',
        onChange: (text) => this.submitFormula(text),
      }),
      condition: this.schemaControl('condition'),
      optimizer: this.schemaControl('optimizer'),
      lr: this.schemaControl('lr'),
      steps: this.schemaControl('steps'),
      start: this.schemaControl('start'),
      schedule: this.schemaControl('schedule'),
      clip: this.schemaControl('clip', {
        options: [
          { value: 'none', label: 'None' },
          { value: 'norm', label: 'By norm' },
          { value: 'value', label: 'By value' },
        ],
      }),
      'clip-threshold': this.schemaControl('clip-threshold'),
      noise: this.schemaControl('noise'),
      seed: this.schemaControl('seed'),
      speed: this.schemaControl('speed'),
    };
    this.optimizerSummary = document.createElement('p');
    this.optimizerSummary.className = 'hint';
    this.scheduleFormula = document.createElement('p');
    this.scheduleFormula.className = 'hint';
    this.hyperControls = document.createElement('div');
    this.hyperControls.className = 'controls';
    this.hyperControls.style.gridColumn = '1 / -1';
    this.scheduleControls = document.createElement('div');
    this.scheduleControls.className = 'controls';
    this.scheduleControls.style.gridColumn = '1 / -1';
    const c = this.controls;
    basic.append(
      c.surface.element,
      c.expression.element,
      c.condition.element,
      c.optimizer.element,
      c.lr.element,
      c.steps.element,
      c.start.element,
      this.optimizerSummary,
    );
    advanced.append(
      this.hyperControls,
      c.schedule.element,
      this.scheduleFormula,
      this.scheduleControls,
      c.clip.element,
      c['clip-threshold'].element,
      c.noise.element,
      c.seed.element,
      c.speed.element,
    );
    this.buildTransport();
    this.bindPlotInput();
  }

  submitFormula(text) {
    const dimension = this.catalog.surfaces.find((s) => s.id === this.config?.surface)?.dimension;
    submitFormula({
      core: this.core,
      box: this.controls.expression,
      text,
      dimension,
      apply: (formula) => this.applyControl('expression', formula),
    });
  }

  // Sliders for the chosen optimizer's (or schedule's) own parameters, from the core's catalog.
  parameterControls(container, infos, builtFor) {
    if (container.dataset.builtFor === builtFor) return container.parameterControls;
    container.dataset.builtFor = builtFor;
    container.replaceChildren();
    const controls = {};
    for (const info of infos) {
      const name = attributeName(info.key);
      const onChange = (raw) => this.applyControl(name, raw);
      const isSwitch = info.integer && info.min === 0 && info.max === 1;
      const control = isSwitch
        ? createCheckbox({
            name,
            label: info.label,
            hint: info.meaning,
            onChange: (checked) => onChange(checked ? '1' : '0'),
          })
        : createSlider({
            name,
            label: info.label,
            min: info.logScale ? Math.max(info.min, 1e-12) : info.min,
            max: info.max,
            integer: info.integer,
            logScale: info.logScale,
            hint: info.meaning,
            onChange,
          });
      controls[name] = { control, info };
      container.append(control.element);
    }
    container.parameterControls = controls;
    return controls;
  }

  syncControls() {
    const { state, config, catalog, controls } = this;
    if (!config) return;
    const optimizerInfo = catalog.optimizers.find((o) => o.id === config.optimizer);
    const scheduleInfo = catalog.schedules.find((s) => s.id === config.schedule);
    controls.surface.setValue(config.surface);
    controls.condition.setValue(config.condition);
    controls.condition.element.hidden = config.surface !== 'ravine';
    controls.expression.element.hidden = !isTypedSurface(config.surface);
    controls.expression.element.querySelector('.formula-prefix').textContent =
      config.surface === 'custom1d' ? 'f(x) =' : 'f(x, y) =';
    if (config.expression) controls.expression.setValue(config.expression);
    controls.optimizer.setValue(config.optimizer);
    controls.lr.setValue(config.lr);
    controls.steps.setValue(config.steps);
    controls.start.setValue(config.start.map((v) => formatNumber(v, 3).replace(/\.?0+$/, '')).join(', '));
    controls.schedule.setValue(config.schedule);
    controls.clip.setValue(config.clip);
    controls['clip-threshold'].setValue(config.clipThreshold);
    controls['clip-threshold'].element.hidden = config.clip === 'none';
    controls.noise.setValue(config.noise);
    controls.seed.setValue(String(config.seed));
    controls.speed.setValue(state.speed);
    this.optimizerSummary.textContent = optimizerInfo.summary;
    this.scheduleFormula.textContent = scheduleInfo.formula;
    for (const [container, infos, id, values] of [
      [this.hyperControls, optimizerInfo.hyperParameters, optimizerInfo.id, config.hyper],
      [this.scheduleControls, scheduleInfo.parameters, scheduleInfo.id, config.scheduleParams],
    ]) {
      const built = this.parameterControls(container, infos, id);
      for (const { control, info } of Object.values(built)) control.setValue(values[info.key] ?? info.defaultValue);
    }
  }

  // Click, tap or drag on the plot moves the start point; arrow keys nudge it.
  bindPlotInput() {
    const canvas = this.parts.plot;
    const moveStartTo = (event) => {
      if (!this.frame) return;
      const rect = canvas.getBoundingClientRect();
      const [x, y] = this.frame.toWorld(event.clientX - rect.left, event.clientY - rect.top);
      const round = (v) => Number(v.toPrecision(4));
      this.applyControl('start', this.config.start.length === 1 ? String(round(x)) : `${round(x)},${round(y)}`);
    };
    canvas.addEventListener('pointerdown', (event) => {
      canvas.setPointerCapture(event.pointerId);
      this.animator.pause();
      moveStartTo(event);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (canvas.hasPointerCapture(event.pointerId)) moveStartTo(event);
    });
    this.bindStartNudging(canvas);
  }

  // ---- drawing ----

  render() {
    if (!this.config || !this.run) return;
    const width = this.parts.plot.clientWidth || 600;
    const { config, run, surface } = this;
    const dimension = run.dimension;
    const k = Math.min(this.shownStep, run.stepsCompleted);
    const plotContext = prepareCanvas(this.parts.plot, width, plotHeight(width, { dimension }, surface.box));
    const draw = dimension === 1 ? drawOneDimensional : drawTwoDimensional;
    this.parts.plot.classList.toggle('one-d', dimension === 1);
    this.frame = draw(
      plotContext,
      width,
      this.parts.plot.clientHeight || plotHeight(width, { dimension }, surface.box),
      {
        core: this.core,
        config,
        surface,
        run,
        shownStep: k,
        onSharper: () => this.render(),
      },
    );
    this.parts.formula.textContent = `f = ${surface.formula}`;
    this.parts.plot.setAttribute(
      'aria-label',
      `Plot of ${surface.formula} with the optimizer's path; arrow keys move the start point`,
    );
    this.renderReadout(k);
    this.renderLossChart(k);
    this.renderStateTable(k);
    this.renderTransport();
  }

  renderReadout(k) {
    const { run, config, surface, catalog } = this;
    const label = catalog.optimizers.find((o) => o.id === config.optimizer).label.toUpperCase();
    const dimension = run.dimension;
    const point = Array.from(run.positions.subarray(k * dimension, (k + 1) * dimension));
    const where = dimension === 1 ? `θ=${formatNumber(point[0])}` : `(x, y)=${formatPoint(point)}`;
    const minimum = surface.minima[run.nearestMinimum] ?? surface.minima.find((m) => m.global);
    const target = minimum
      ? `(minimum f=${formatNumber(minimum.value, 3).replace(/\.?0+$/, '')}${dimension === 2 ? ` at ${formatPoint(Array.from(minimum.point), 3)}` : ''})`
      : isTypedSurface(config.surface)
        ? '(your formula: no known minimum)'
        : '(no minimum: this surface is unbounded below)';
    this.parts.readout.textContent = `${label} | After ${k} step${k === 1 ? '' : 's'}: ${where}, f=${formatNumber(run.losses[k])} ${target}`;
    const finished = k === run.stepsCompleted;
    this.parts.status.className = `status ${finished ? run.outcome : ''}`;
    this.parts.status.textContent = finished ? run.message : `step ${k} of ${run.stepsCompleted}`;
  }

  renderLossChart(k) {
    const { run, surface } = this;
    const width = this.parts.chart.clientWidth || 600;
    const height = Math.round(Math.min(200, Math.max(130, width * 0.28)));
    const context = prepareCanvas(this.parts.chart, width, height);
    const best = surface.minima.find((m) => m.global);
    // With a known minimum f*, the gap f − f* on a log axis shows the convergence rate.
    const values = best ? run.losses.map((f) => f - best.value) : run.losses;
    const logScale = Boolean(best);
    this.parts['chart-caption'].textContent = logScale
      ? `Loss gap f − f* per step (log scale, f* = ${formatNumber(best.value, 3)})`
      : 'Loss f per step';
    drawLineChart(context, width, height, {
      values,
      currentIndex: k,
      logScale,
      xLabel: 'step',
      yLabel: logScale ? 'f − f*' : 'f',
      color: PATH_COLOR,
    });
  }

  renderStateTable(k) {
    const { run } = this;
    const table = this.parts['state-table'];
    const dimension = run.dimension;
    const vector = (values, index) =>
      formatPoint(Array.from(values.subarray(index * dimension, (index + 1) * dimension)), 4);
    const rows = [
      ['step', String(k), 'updates applied so far'],
      ['∇f', vector(run.gradients, k), 'gradient at the current point (the slope the optimizer feels)'],
    ];
    if (k > 0) {
      rows.push([
        'α',
        formatNumber(run.learningRates[k - 1], 4),
        'learning rate used by this step (from the schedule)',
      ]);
      for (const track of run.state) rows.push([track.label, vector(track.values, k - 1), track.meaning]);
    }
    table.replaceChildren(
      ...rows.map(([name, value, meaning]) => {
        const row = document.createElement('tr');
        for (const [text, className] of [
          [name, ''],
          [value, 'value'],
          [meaning, 'meaning'],
        ]) {
          const cell = document.createElement(className === '' ? 'th' : 'td');
          cell.textContent = text;
          if (className) cell.className = className;
          row.append(cell);
        }
        return row;
      }),
    );
  }
}
