// <descent-backprop>: the backprop calculator of the worked example (a 2-layer network with one
// neuron per layer). The core's autograd engine computes every value: forward pass, the seven
// backward steps (incoming gradient × local derivative), the numerical gradient check and the
// gradient-descent update. This file only lays the numbers out.
import { createButton } from '../../ui/controls.js';
import { DescentWidget } from '../descent-widget.js';
import {
  BACKPROP_SCHEMA,
  BACKWARD_STEPS,
  NETWORK_FORMULA,
  PARAMETERS,
  QUANTITIES,
  STATE_ATTRIBUTES,
  valuesOf,
} from './state.js';
import { formatShort, GRADIENT_COLOR, VALUE_COLOR } from '../graph-view.js';
import { WIDGET_STYLES } from '../widget-styles.js';

const STYLES = `
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 10px; }
h3 { margin: 4px 0; font-size: 13px; }
.calc { font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.calc td, .calc th { padding: 2px 4px; }
.calc .v { color: ${VALUE_COLOR}; font-weight: 600; }
.calc .g { color: ${GRADIENT_COLOR}; font-weight: 600; }
ol.steps { margin: 0; padding-left: 1.6em; }
ol.steps li { padding: 2px 4px; border-radius: 4px; overflow-wrap: anywhere; }
ol.steps li.pending { color: var(--faint); }
ol.steps li.current { background: var(--highlight-soft); outline: 2px solid var(--highlight); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0; }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Backprop calculator</strong><span class="formula">L = (y − (w₂·ReLU(w₁·x + b₁) + b₂))²</span></div>
  <div class="columns" data-role="plot">
    <section><h3>Forward pass <span class="hint">(values saved for the backward pass)</span></h3>
      <div class="table-scroll"><table class="calc" data-role="forward"></table></div></section>
    <section><h3>Backward pass: incoming × local = outgoing</h3>
      <ol class="steps calc" data-role="backward"></ol></section>
  </div>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status" aria-live="polite"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div class="actions" data-role="actions"></div>
  <details data-role="check-panel" open><summary>Numerical gradient check: (L(w + ε) − L(w)) / ε</summary>
    <div class="table-scroll"><table class="calc" data-role="check"></table></div>
  </details>
  <div class="controls" data-role="controls"></div>
</div>`;

export class DescentBackprop extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'surfaces';

  constructor() {
    super(WIDGET_STYLES + STYLES, TEMPLATE);
    this.run = null;
    this.lastUpdate = null;
    this.transportNoun = 'backward pass';
    this.reducedMotionMaxSpeed = 1;
  }

  prepare() {
    this.schema = BACKPROP_SCHEMA;
    return '';
  }

  get lastStep() {
    return BACKWARD_STEPS.length;
  }

  simulate(state) {
    const values = valuesOf(state);
    const first = this.api.evaluateFormula({ expression: NETWORK_FORMULA, values }); // a DescentError is shown by update()
    const index = this.quantityIndices(first);
    // ∂(quantity)/∂(everything) for each quantity a backward step starts from: the local factors.
    const sources = [...new Set(BACKWARD_STEPS.map((step) => step.from))];
    const graph = this.api.evaluateFormula({
      expression: NETWORK_FORMULA,
      values,
      derivativesFrom: sources.map((name) => index[name]),
    });
    const checks = Object.create(null); // name → value maps: prototype-free
    for (const parameter of PARAMETERS) {
      checks[parameter] = this.api.gradientCheck({
        expression: NETWORK_FORMULA,
        values,
        variable: parameter,
        epsilon: state.epsilon,
      });
    }
    this.config = { values, lr: state.lr, epsilon: state.epsilon };
    this.run = {
      graph,
      index,
      checks,
      localsFrom: Object.assign(
        Object.create(null),
        Object.fromEntries(sources.map((name, i) => [name, graph.derivatives[i]])),
      ),
    };
    return '';
  }

  quantityIndices(graph) {
    const index = Object.create(null);
    for (const [name, quantity] of Object.entries(QUANTITIES)) {
      index[name] = quantity.output ? graph.output : graph.nodes.findIndex((node) => node.text === quantity.text);
    }
    return index;
  }

  value(name) {
    return this.run.graph.nodes[this.run.index[name]].value;
  }

  gradient(name) {
    return this.run.graph.nodes[this.run.index[name]].gradient;
  }

  // ---- controls ----

  buildControls() {
    const names = ['w1', 'b1', 'w2', 'b2', 'x', 'y', 'lr', 'epsilon'];
    this.controls = Object.fromEntries(names.map((name) => [name, this.schemaControl(name)]));
    this.parts.controls.append(...Object.values(this.controls).map((control) => control.element));
    this.updateButton = createButton({
      label: 'Apply update',
      title: 'Apply one gradient-descent update to w₁, b₁, w₂, b₂',
      onClick: () => this.applyUpdate(),
    });
    this.updateButton.classList.add('primary');
    this.parts.actions.append(this.updateButton);
    this.buildTransport();
  }

  // θ ← θ − α·∂L/∂θ for the four parameters, computed by the core; the new values become the state.
  applyUpdate() {
    if (!this.config) return;
    const step = this.core.gradientStep({
      expression: NETWORK_FORMULA,
      values: this.config.values,
      parameters: PARAMETERS,
      lr: this.config.lr,
    });
    if (!step.ok) {
      this.showControlError(step.error);
      return;
    }
    this.lastUpdate = { before: this.value('L'), after: step.value, lr: this.config.lr };
    this.controlErrors = [];
    for (const parameter of PARAMETERS) this.setAttribute(parameter, String(step.values[parameter]));
    this.scheduleUpdate();
  }

  syncControls() {
    if (!this.config) return;
    for (const name of Object.keys(this.controls)) this.controls[name].setValue(this.state[name]);
    this.updateButton.textContent = `Apply update (α = ${formatShort(this.config.lr)})`;
  }

  // ---- drawing ----

  render() {
    if (!this.config || !this.run) return;
    this.renderForward();
    this.renderBackward(Math.min(this.shownStep, this.lastStep));
    this.renderCheck();
    this.renderReadout();
    this.renderTransport();
  }

  renderForward() {
    const { values } = this.config;
    const f = formatShort;
    const rows = [
      ['z₁', `w₁·x + b₁ = ${f(values.w1)}·${f(values.x)} + ${f(values.b1)}`, this.value('z1')],
      ['a₁', `ReLU(z₁) = max(0, ${f(this.value('z1'))})`, this.value('a1')],
      ['ŷ', `w₂·a₁ + b₂ = ${f(values.w2)}·${f(this.value('a1'))} + ${f(values.b2)}`, this.value('yHat')],
      ['L', `(y − ŷ)² = (${f(values.y)} − ${f(this.value('yHat'))})²`, this.value('L')],
    ];
    this.parts.forward.replaceChildren(
      ...rows.map(([name, how, value]) => {
        const row = document.createElement('tr');
        row.innerHTML = '<th></th><td></td><td class="v"></td>';
        row.children[0].textContent = name;
        row.children[1].textContent = how;
        row.children[2].textContent = `= ${f(value)}`;
        return row;
      }),
    );
  }

  renderBackward(shown) {
    const f = formatShort;
    const items = BACKWARD_STEPS.map((step, i) => {
      const item = document.createElement('li');
      const target = QUANTITIES[step.target].symbol;
      const from = QUANTITIES[step.from].symbol;
      if (i >= shown) {
        item.className = 'pending';
        item.textContent = `∂L/∂${target} = ?`;
        return item;
      }
      const incoming = this.gradient(step.from);
      const local = this.run.localsFrom[step.from][this.run.index[step.target]];
      item.className = i === shown - 1 && shown < this.lastStep ? 'current' : '';
      item.textContent = `∂L/∂${target} = ∂L/∂${from} × ${step.local} = ${f(incoming)} × ${f(local)} = `;
      const result = document.createElement('span');
      result.className = 'g';
      result.textContent = f(this.gradient(step.target));
      item.append(result);
      return item;
    });
    this.parts.backward.replaceChildren(...items);
  }

  renderCheck() {
    const f = formatShort;
    const header = document.createElement('tr');
    header.innerHTML = '<th>parameter</th><th>backprop ∂L/∂θ</th><th>(L(θ+ε) − L(θ)) / ε</th><th>L(θ+ε)</th>';
    const rows = PARAMETERS.map((parameter) => {
      const check = this.run.checks[parameter];
      const row = document.createElement('tr');
      row.innerHTML = '<th></th><td class="g"></td><td></td><td></td>';
      row.children[0].textContent = QUANTITIES[parameter].symbol;
      row.children[1].textContent = f(check.analytic);
      row.children[2].textContent = Number(check.numerical.toPrecision(6)).toString();
      row.children[3].textContent = Number(check.shiftedValue.toPrecision(8)).toString();
      return row;
    });
    this.parts.check.replaceChildren(header, ...rows);
  }

  renderReadout() {
    const f = formatShort;
    const gradients = PARAMETERS.map((name) => `∂L/∂${name}=${f(this.gradient(name))}`).join(', ');
    this.parts.readout.textContent = `L=${f(this.value('L'))} (ŷ=${f(this.value('yHat'))}) | ${gradients}`;
    const notes = [];
    if (this.lastUpdate && this.lastUpdate.after === this.value('L')) {
      const verb = this.lastUpdate.after < this.lastUpdate.before ? 'decreased' : 'did not decrease';
      notes.push(
        `after the update with α=${f(this.lastUpdate.lr)}: L ${verb} from ${f(this.lastUpdate.before)} to ${f(this.lastUpdate.after)}`,
      );
    }
    if (this.value('z1') <= 0) {
      notes.push(
        `dead ReLU: z₁=${f(this.value('z1'))} ≤ 0, so ReLU'(z₁)=0 and ∂L/∂w₁=∂L/∂b₁=0 — layer 1 cannot learn from this example`,
      );
    }
    this.parts.status.className = `status ${this.value('z1') <= 0 ? 'diverged' : ''}`;
    this.parts.status.textContent = notes.join(' · ');
  }
}
