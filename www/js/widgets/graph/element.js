// <descent-graph>: the computational-graph explorer. A formula (one of the seeds' examples or the
// learner's own) becomes a graph in the core's autograd engine (evaluateFormula); this file draws
// it, walks it forward then backward one node at a time, and explains each node on hover or tap.
import { createTextInput } from '../../ui/controls.js';
import { createFormulaInput, FORMULA_INPUT_STYLES, submitFormula } from '../../ui/formula-input.js';
import { DescentWidget } from '../descent-widget.js';
import { GRAPH_PRESETS, GRAPH_SCHEMA, STATE_ATTRIBUTES, formatValues, formulaOf, valuesFor } from './state.js';
import { GRAPH_STYLES, drawGraph, formatShort, graphTimeline, nodeDetail, visibility, wrap } from '../graph-view.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { shortText } from '../../ui/state-schema.js';

const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>Computational graph</strong><span class="formula" data-role="formula"></span></div>
  <div class="legend"><span class="v">blue: forward value</span> · <span class="g">red ∂: gradient of the output</span> · hover, tap or focus a node for its chain-rule step</div>
  <div class="graph-scroll" data-role="plot"><svg class="graph" data-role="graph" role="group" aria-label="Computational graph"></svg></div>
  <p class="scroll-hint" data-role="scroll-hint" hidden>The graph is wider than this box: scroll it sideways →</p>
  <div class="detail" data-role="detail" aria-live="polite"></div>
  <div class="readout" data-role="readout" aria-live="polite" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="transport" data-role="transport"></div>
  <div class="controls" data-role="controls"></div>
</div>`;

export class DescentGraph extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'surfaces';

  constructor() {
    super(WIDGET_STYLES + GRAPH_STYLES + FORMULA_INPUT_STYLES, TEMPLATE);
    this.run = null;
    this.selectedNode = -1;
    this.transportNoun = 'forward and backward pass';
    this.reducedMotionMaxSpeed = 1;
    // A new example brings its own formula and values.
    this.resetsOnChange = { preset: ['expression', 'values'], expression: ['values'] };
  }

  prepare() {
    this.schema = GRAPH_SCHEMA;
    return '';
  }

  get lastStep() {
    return this.timeline ? this.timeline.length : 0;
  }

  // A typed formula is checked by the core here, so a bad one in an attribute or URL is reported
  // (with its position) and the preset's formula is shown instead.
  checkState(state, errors) {
    if (state.expression === null) return;
    const check = this.core.checkFormula({ expression: state.expression });
    if (!check.ok) {
      errors.push(`expression: ${check.error} — showing the ${GRAPH_PRESETS[state.preset].label} example instead`);
      state.expression = null;
      return;
    }
    state.preset = 'custom';
  }

  simulate(state) {
    const expression = formulaOf(state);
    const check = this.core.checkFormula({ expression });
    if (!check.ok) return check.error;
    const { values, unset } = valuesFor(state, check.variables);
    const graph = this.core.evaluateFormula({ expression, values });
    if (!graph.ok) return graph.error;
    const modeChanged = this.config && this.config.mode !== state.mode;
    this.config = { expression, values, unset, mode: state.mode, outputName: GRAPH_PRESETS[state.preset].outputName };
    this.run = graph;
    this.timeline = graphTimeline(graph);
    if (this.selectedNode >= graph.nodes.length) this.selectedNode = -1;
    this.startAtBeginning = state.mode === 'steps' && (modeChanged || !this.animator.playing);
    return '';
  }

  update() {
    super.update();
    // Step-by-step mode starts before the forward pass; whole-graph mode shows everything.
    if (this.startAtBeginning) {
      this.startAtBeginning = false;
      this.shownStep = 0;
      this.render();
    }
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      preset: this.schemaControl('preset', {
        options: Object.entries(GRAPH_PRESETS).map(([value, preset]) => ({ value, label: preset.label })),
      }),
      mode: this.schemaControl('mode', {
        options: [
          { value: 'whole', label: 'Whole graph' },
          { value: 'steps', label: 'Step by step' },
        ],
      }),
      expression: createFormulaInput({
        name: 'expression',
        label: 'Your formula',
        prefix: 'f =',
        hint: 'e.g. relu(w*x + b)^2; operators + − * / ^, functions exp log sin cos tanh sigmoid relu abs sqrt',
        onChange: (text) => this.submitFormula(text),
      }),
    };
    this.valuesRow = document.createElement('div');
    this.valuesRow.className = 'values-row';
    this.parts.controls.append(
      this.controls.preset.element,
      this.controls.mode.element,
      this.controls.expression.element,
      this.valuesRow,
    );
    this.buildTransport();
    this.bindNodeInput();
  }

  // The typed formula goes through the core's parser first: a syntax error is shown at its
  // position and the graph on screen stays as it was.
  submitFormula(text) {
    submitFormula({
      core: this.core,
      box: this.controls.expression,
      text,
      apply: (formula) => this.applyControl('expression', formula),
    });
  }

  // One number box per variable; changing one rewrites the values attribute.
  syncValueControls() {
    const names = Object.keys(this.config.values);
    const key = names.join(',');
    if (this.valuesRow.dataset.names !== key) {
      this.valuesRow.dataset.names = key;
      this.valueControls = Object.create(null); // keyed by variable names (toString is one)
      this.valuesRow.replaceChildren();
      for (const name of names) {
        const control = createTextInput({
          name: `value-${name}`,
          label: name,
          onChange: (raw) => this.changeValue(name, raw),
        });
        this.valueControls[name] = control;
        this.valuesRow.append(control.element);
      }
    }
    for (const name of names) this.valueControls[name].setValue(formatShort(this.config.values[name]));
  }

  changeValue(name, raw) {
    const value = Number(String(raw).trim());
    if (String(raw).trim() === '' || !Number.isFinite(value)) {
      this.showControlError(`${name}: expected a number, got "${shortText(raw)}"`);
      return;
    }
    this.applyControl(
      'values',
      formatValues(Object.assign(Object.create(null), this.config.values, { [name]: value })),
    );
  }

  syncControls() {
    if (!this.config) return;
    this.controls.preset.setValue(this.state.preset);
    this.controls.mode.setValue(this.config.mode);
    this.controls.expression.setValue(this.config.expression);
    this.syncValueControls();
  }

  // Hover (mouse), tap (touch) and keyboard focus all select a node for the detail panel.
  bindNodeInput() {
    const svg = this.parts.graph;
    const indexOf = (event) => {
      const group = event.target.closest?.('g.node');
      return group ? Number(group.dataset.index) : -1;
    };
    // Keyboard selection moves the focus too; hover and tap leave it where it is (e.g. in the box).
    const select = (index, { moveFocus = false } = {}) => {
      if (index < 0 || index === this.selectedNode) return;
      this.selectedNode = index;
      this.render();
      if (moveFocus) this.shadowRoot.querySelector(`g.node[data-index="${index}"]`)?.focus({ preventScroll: true });
    };
    svg.addEventListener('pointerover', (event) => event.pointerType === 'mouse' && select(indexOf(event)));
    svg.addEventListener('click', (event) => select(indexOf(event)));
    svg.addEventListener('focusin', (event) => select(indexOf(event)));
    svg.addEventListener('keydown', (event) => {
      if (!this.run || !['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
      event.preventDefault();
      const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : -1;
      const count = this.run.nodes.length;
      select(((this.selectedNode < 0 ? 0 : this.selectedNode) + step + count) % count, { moveFocus: true });
    });
  }

  // ---- drawing ----

  render() {
    if (!this.config || !this.run) return;
    const { run: graph, config } = this;
    const step = Math.min(this.shownStep, this.lastStep);
    const shown = visibility(graph, this.timeline, step);
    const focusedIndex = Number(this.shadowRoot.activeElement?.dataset?.index ?? -1);
    drawGraph(this.parts.graph, graph, shown, { selected: this.selectedNode, outputName: config.outputName });
    const box = this.parts.plot;
    this.parts['scroll-hint'].hidden = box.scrollWidth <= box.clientWidth + 1;
    if (focusedIndex >= 0)
      this.shadowRoot.querySelector(`g.node[data-index="${focusedIndex}"]`)?.focus({ preventScroll: true });
    this.parts.formula.textContent = `${config.outputName} = ${graph.formula}`;
    const detailNode = this.selectedNode >= 0 ? this.selectedNode : shown.current;
    this.parts.detail.textContent =
      detailNode >= 0
        ? nodeDetail(graph, detailNode, shown, config.outputName).join('\n')
        : 'Select a node (hover, tap, or Tab to it) to see its chain-rule step.';
    this.renderReadout(shown, step);
    this.renderStatus(shown);
    this.renderTransport();
  }

  renderReadout(shown, step) {
    const { run: graph, config, timeline } = this;
    const output = graph.nodes[graph.output];
    const name = config.outputName;
    const at = Object.entries(config.values)
      .map(([variable, value]) => `${variable}=${formatShort(value)}`)
      .join(', ');
    let text;
    if (shown.phase === 'start') {
      text = `Ready: inputs ${at}. Step ▶ starts the forward pass.`;
    } else if (shown.phase === 'forward') {
      const node = graph.nodes[shown.current];
      text = `Forward pass, node ${step} of ${timeline.forward.length}: ${node.text} = ${formatShort(node.value)}`;
    } else if (shown.phase === 'backward') {
      const node = graph.nodes[shown.current];
      const k = step - timeline.forward.length;
      text = `Backward pass, node ${k} of ${timeline.backward.length}: ∂${name}/∂${wrap(node.text)} = ${formatShort(node.gradient)}`;
    } else {
      const gradients = graph.variables.map(
        (variable) => `∂${name}/∂${variable}=${formatShort(graph.nodes.find((n) => n.name === variable).gradient)}`,
      );
      const unconnected = graph.nodes
        .filter((node) => node.kind === 'variable' && !node.onPath)
        .map((node) => `∂${name}/∂${node.name}=0`);
      text = `${name}=${formatShort(output.value)} at ${at} | ${[...gradients, ...unconnected].join(', ')}`;
    }
    this.parts.readout.textContent = text;
  }

  renderStatus(shown) {
    const { run: graph, config } = this;
    const notes = [];
    if (graph.undefinedNode >= 0) notes.push(`undefined here: ${graph.undefinedReason}`);
    const unconnected = graph.nodes.filter((node) => node.kind === 'variable' && !node.onPath);
    if (unconnected.length)
      notes.push(
        `no path = no gradient: ${unconnected.map((node) => node.name).join(', ')} never reaches ${config.outputName}, so its gradient is 0`,
      );
    const dead = graph.nodes.filter((node) => node.kind === 'relu' && node.onPath && node.localDerivatives[0] === 0);
    if (dead.length && shown.phase === 'done')
      notes.push(
        `a ReLU gets input ≤ 0 (${dead.map((node) => graph.nodes[node.inputs[0]].text).join(', ')}): its local derivative is 0, a broken link for everything behind it`,
      );
    const fanOut = graph.nodes.filter(
      (node) =>
        node.onPath && node.kind === 'variable' && graph.edges.filter((edge) => edge.from === node.index).length > 1,
    );
    if (fanOut.length && shown.phase === 'done')
      notes.push(
        `fan-out: ${fanOut.map((node) => node.name).join(', ')} feeds several paths; its gradient is the sum of theirs`,
      );
    if (config.unset.length) notes.push(`no value given for ${config.unset.join(', ')}: using 1`);
    this.parts.status.className = `status ${graph.undefinedNode >= 0 ? 'diverged' : ''}`;
    this.parts.status.textContent = notes.join(' · ');
  }
}
