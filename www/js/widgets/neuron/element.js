// <descent-neuron>: backprop through a single neuron, z = w·x + b → a = ReLU(z) → L = (y − a)².
// The core's autograd engine computes the forward values and every local derivative; the widget
// shows them multiplying along the chain, "local × local × local", one factor per step.
import { DescentWidget } from '../descent-widget.js';
import { formatShort, GRADIENT_COLOR, VALUE_COLOR } from '../graph-view.js';
import { A_TEXT, CHAIN, NEURON_FORMULA, NEURON_SCHEMA, STATE_ATTRIBUTES, Z_TEXT } from './state.js';
import { WIDGET_STYLES } from '../widget-styles.js';

const STYLES = `
.flow { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.box { border: 1.5px solid var(--faint); border-radius: 8px; padding: 4px 8px; background: var(--background); text-align: center; min-width: 86px; }
.box .v { color: ${VALUE_COLOR}; font-weight: 600; display: block; }
.box .g { color: ${GRADIENT_COLOR}; display: block; }
.arrow { color: var(--faint); }
.chain { font: 13px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); border-radius: 6px; padding: 6px 8px; margin: 6px 0; overflow-wrap: anywhere; }
.chain .g { color: ${GRADIENT_COLOR}; font-weight: 600; }
.chain .pending { color: var(--faint); }
`;

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Backprop through one neuron</strong><span class="formula">z = w·x + b → a = ReLU(z) → L = (y − a)²</span></div>
  <div class="flow" data-role="plot" role="img" aria-label="The neuron's forward values and gradients"></div>
  <div class="chain" data-role="chain" aria-live="polite"></div>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div class="controls" data-role="controls"></div>
</div>`;

export class DescentNeuron extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'surfaces';

  constructor() {
    super(WIDGET_STYLES + STYLES, TEMPLATE);
    this.run = null;
    this.transportNoun = 'chain of local derivatives';
    this.reducedMotionMaxSpeed = 1;
  }

  prepare() {
    this.schema = NEURON_SCHEMA;
    return '';
  }

  get lastStep() {
    return CHAIN.length;
  }

  simulate(state) {
    // name → value, prototype-free like every variable map handed to the core.
    const values = Object.assign(Object.create(null), { w: state.w, b: state.b, x: state.x, y: state.y });
    const first = this.api.evaluateFormula({ expression: NEURON_FORMULA, values }); // a DescentError is shown by update()
    const index = {
      L: first.output,
      a: first.nodes.findIndex((node) => node.text === A_TEXT),
      z: first.nodes.findIndex((node) => node.text === Z_TEXT),
      w: first.nodes.findIndex((node) => node.name === 'w'),
      b: first.nodes.findIndex((node) => node.name === 'b'),
    };
    // ∂a/∂(·) and ∂z/∂(·): the local factors of the chain.
    const graph = this.api.evaluateFormula({
      expression: NEURON_FORMULA,
      values,
      derivativesFrom: [index.L, index.a, index.z],
    });
    this.config = values;
    this.run = { graph, index, from: { L: graph.derivatives[0], a: graph.derivatives[1], z: graph.derivatives[2] } };
    return '';
  }

  node(name) {
    return this.run.graph.nodes[this.run.index[name]];
  }

  local(outer, inner) {
    return this.run.from[outer][this.run.index[inner]];
  }

  buildControls() {
    this.controls = Object.fromEntries(['w', 'b', 'x', 'y'].map((name) => [name, this.schemaControl(name)]));
    this.parts.controls.append(...Object.values(this.controls).map((control) => control.element));
    this.buildTransport();
  }

  syncControls() {
    if (!this.config) return;
    for (const name of Object.keys(this.controls)) this.controls[name].setValue(this.state[name]);
  }

  render() {
    if (!this.config || !this.run) return;
    const f = formatShort;
    const shown = Math.min(this.shownStep, this.lastStep);
    const box = (title, value, gradient) => {
      const element = document.createElement('div');
      element.className = 'box';
      element.innerHTML = '<strong></strong><span class="v"></span><span class="g"></span>';
      element.children[0].textContent = title;
      element.children[1].textContent = f(value);
      element.children[2].textContent = gradient === null ? '' : `∂L = ${f(gradient)}`;
      return element;
    };
    const arrow = () => Object.assign(document.createElement('span'), { className: 'arrow', textContent: '→' });
    const finished = shown >= this.lastStep;
    this.parts.plot.replaceChildren(
      box('w', this.config.w, finished ? this.node('w').gradient : null),
      box('x', this.config.x, null),
      box('b', this.config.b, finished ? this.node('b').gradient : null),
      arrow(),
      box('z = w·x + b', this.node('z').value, shown >= 2 ? this.node('z').gradient : null),
      arrow(),
      box('a = ReLU(z)', this.node('a').value, shown >= 1 ? this.node('a').gradient : null),
      arrow(),
      box('L = (y − a)²', this.node('L').value, 1),
    );
    this.renderChain(shown);
    this.parts.readout.textContent = `z=${f(this.node('z').value)}, a=${f(this.node('a').value)}, L=${f(this.node('L').value)} | ∂L/∂w=${f(this.node('w').gradient)}, ∂L/∂b=${f(this.node('b').gradient)}`;
    const dead = this.node('z').value <= 0;
    this.parts.status.className = `status ${dead ? 'diverged' : ''}`;
    this.parts.status.textContent = dead
      ? `ReLU is off (z=${f(this.node('z').value)} ≤ 0): its local derivative is 0, so the whole product is 0 and w, b do not learn`
      : '';
    this.renderTransport();
  }

  // ∂L/∂w = ∂L/∂a × ∂a/∂z × ∂z/∂w, each factor from the core, the product being the core's ∂L/∂w.
  renderChain(shown) {
    const f = formatShort;
    const lines = [
      ['w', (step) => step.inner],
      ['b', (step) => step.bias?.inner ?? step.inner],
    ].map(([parameter, innerOf]) => {
      const line = document.createElement('div');
      const factors = CHAIN.map((step, i) => {
        const inner = innerOf(step);
        const label = inner === step.inner ? step.label : step.bias.label;
        return i < shown ? `${label} = ${f(this.local(step.outer, inner))}` : `${label.split(' = ')[0]} = ?`;
      });
      line.append(`∂L/∂${parameter} = ${factors.join(' × ')}`);
      if (shown >= this.lastStep) {
        const total = document.createElement('span');
        total.className = 'g';
        total.textContent = ` = ${f(this.node(parameter).gradient)}`;
        line.append(total);
      }
      return line;
    });
    this.parts.chain.replaceChildren(...lines);
  }
}
