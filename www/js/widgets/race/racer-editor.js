// <descent-race>'s racer editor: one row per optimizer of the core's catalog, with its switch,
// learning rate and hyper-parameters, all written back into the `racers` attribute. Methods of
// DescentRace (installed on its prototype by element.js).
import { createCheckbox, createSlider } from '../../ui/controls.js';
import { formatSetting } from '../../ui/format.js';
import { racerSwatch } from './plot.js';
import { DEFAULT_RACERS, formatRacers, MAX_LEARNING_RATE } from './state.js';
import { shortText } from '../../ui/state-schema.js';

export const RACER_EDITOR = {
  // Racer controls edit a copy of the racers list and write it back as one attribute.
  editRacers(change) {
    const racers = this.state.racers.map((r) => ({ ...r, hyper: { ...r.hyper } }));
    change(racers);
    const text = formatRacers(racers);
    this.controlErrors = [];
    if (text === DEFAULT_RACERS) this.removeAttribute('racers');
    else this.setAttribute('racers', text);
    this.scheduleUpdate();
  },

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
  },

  setRacerSetting(id, key, raw) {
    const info = this.catalog.optimizers.find((o) => o.id === id);
    const value = raw === '' ? NaN : Number(raw);
    const parameter =
      key === 'lr'
        ? { min: 1e-9, max: MAX_LEARNING_RATE, label: 'learning rate' }
        : info.hyperParameters.find((p) => p.key === key);
    if (
      !Number.isFinite(value) ||
      value < parameter.min ||
      value > parameter.max ||
      (parameter.integer && !Number.isInteger(value))
    ) {
      this.showControlError(
        `${info.label} ${parameter.label}: "${shortText(raw)}" is not ${parameter.integer ? 'a whole number' : 'a number'} between ${parameter.min} and ${parameter.max}`,
      );
      return;
    }
    this.editRacers((racers) => {
      const racer = racers.find((r) => r.id === id);
      if (!racer) return;
      if (key === 'lr') racer.lr = value === info.defaultLearningRate ? null : value;
      else if (value === parameter.defaultValue) delete racer.hyper[key];
      else racer.hyper[key] = value;
    });
  },

  // A row per optimizer of the catalog: on/off, colour and shape, learning rate,
  // and its hyper-parameters (from the catalog's table) behind an expander.
  buildRacerRows() {
    this.racerRows = new Map();
    for (const info of this.catalog.optimizers) {
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
      enable.append(checkbox, racerSwatch(info.id, 16), name);
      const lr = createSlider({
        name: `${info.id}-lr`,
        label: 'Learning rate α',
        min: 1e-4,
        max: 10,
        logScale: true,
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
          ? createCheckbox({
              name: `${info.id}-${parameter.key}`,
              label: parameter.label,
              hint: parameter.meaning,
              onChange: (checked) => onChange(checked ? '1' : '0'),
            })
          : createSlider({
              name: `${info.id}-${parameter.key}`,
              label: parameter.label,
              min: parameter.logScale ? Math.max(parameter.min, 1e-12) : parameter.min,
              max: parameter.max,
              integer: parameter.integer,
              logScale: parameter.logScale,
              hint: parameter.meaning,
              onChange,
            });
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
  },
};

// Gives a control's inputs an accessible name that says which racer they belong to
// (the visible label is short: the racer's row already names it).
function labelInputs(element, name) {
  for (const input of element.querySelectorAll('input')) {
    input.setAttribute('aria-label', input.type === 'range' ? `${name} slider` : name);
  }
}
