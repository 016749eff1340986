// <descent-playground>'s pointer and keyboard input on the plots: click a link or a bias and type
// its value (the core sets it), click the plot to add a point of the chosen class, hover a unit to
// enlarge it. Methods of DescentPlayground (installed on its prototype by element.js).
import { createButton, createSelect } from '../../ui/controls.js';
import { formatSetting } from '../../ui/format.js';
import { biasAt, linkAt, networkBiases, networkLinks, networkParameters } from './plot.js';
import { shortText } from '../../ui/state-schema.js';

export const NETWORK_INPUT = {
  bindWeightEditing() {
    const canvas = this.parts.network;
    canvas.addEventListener('click', (event) => {
      if (!this.geometry || !this.layout) return;
      const rect = canvas.getBoundingClientRect();
      const [x, y] = [event.clientX - rect.left, event.clientY - rect.top];
      // Bias markers are drawn over the links' ends, so they win.
      const found =
        biasAt(networkBiases(this.layout, this.geometry), x, y) ??
        linkAt(networkLinks(this.layout, this.geometry), x, y);
      if (found) this.editParameter(found);
    });
    // Keyboard: arrow keys focus a unit (bindUnitHover), Enter opens its first incoming link, B its
    // bias, and the ‹ › buttons walk through the links and biases in frame.parameters order.
    canvas.addEventListener('keydown', (event) => {
      if (this.hoveredUnit === null || !this.geometry) return;
      const unit = this.geometry.units[this.hoveredUnit];
      if (unit.column === 0) return;
      if (event.key === 'Enter') this.editParameter({ kind: 'link', layer: unit.column - 1, from: 0, to: unit.index });
      else if (event.key === 'b' || event.key === 'B')
        this.editParameter({ kind: 'bias', layer: unit.column - 1, unit: unit.index });
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
  },

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
  },

  // Sets the selected weight or bias to `raw` (a number) in the core; a bad value leaves θ as it was.
  applyWeight(raw) {
    if (!this.selected || !this.playground) return;
    const message = this.parts['weight-message'];
    const text = String(raw).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) {
      message.textContent = `“${shortText(text)}” is not a number`;
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
  },

  closeWeightEditor() {
    this.selected = null;
    if (this.parts['weight-editor']) this.parts['weight-editor'].hidden = true;
  },

  bindPointAdding() {
    this.newPointClass = createSelect({
      name: 'new-point-class',
      label: 'Class of clicked points',
      options: [],
      onChange: () => {},
    });
    this.parts['data-controls'].append(
      this.newPointClass.element,
      createButton({
        label: 'Remove added points',
        title: 'Remove every point added by clicking',
        onClick: () => this.applyControl('added', ''),
      }),
    );
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
  },

  syncPointClasses() {
    const select = this.newPointClass.element.querySelector('select');
    const k = this.layout?.classCount ?? 2;
    if (select.options.length === k) return;
    const chosen = Math.min(Number(select.value) || 0, k - 1);
    select.replaceChildren(...Array.from({ length: k }, (_, c) => new Option(`class ${c}`, String(c))));
    select.value = String(chosen);
  },

  bindUnitHover() {
    const canvas = this.parts.network;
    const unitAt = (event) => {
      if (!this.geometry) return null;
      const rect = canvas.getBoundingClientRect();
      const x = event.clientX - rect.left;
      const y = event.clientY - rect.top;
      const found = this.geometry.units.findIndex(
        (u) => x >= u.x && x <= u.x + u.size && y >= u.y && y <= u.y + u.size,
      );
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
  },

  // What the plot caption calls a hovered unit.
  unitName(unit) {
    const { column, index } = this.geometry.units[unit];
    return column === 0 ? `feature ${this.featureLabels()[index]}` : this.columnUnitName(column, index);
  },

  // Unit `index` of the diagram's column `column` (0: the features, last: the output units), as
  // the weight editor names it.
  columnUnitName(column, index) {
    const widths = this.layout.layerWidths;
    if (column === 0) return this.featureLabels()[index];
    if (column < widths.length - 1) return `layer ${column} neuron ${index + 1}`;
    return widths[column] === 1 ? 'output' : `output class ${index}`;
  },

  featureLabels() {
    const labels = new Map(this.playgroundCatalog.features.map((f) => [f.id, f.label]));
    return this.config.features.map((id) => labels.get(id));
  },
};
