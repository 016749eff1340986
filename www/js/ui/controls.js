// Labelled, keyboard-operable form controls. Each returns {element, setValue}.
// Controls report raw text through onInput/onChange; the widget validates it
// with its state schema, so typed and dragged input share one path.
import { formatSetting } from './format.js';
import { setButtonContent } from './icons.js';

let nextId = 0;
const uniqueId = (stem) => `descent-${stem}-${++nextId}`;

function field(labelText, control, hint) {
  const wrapper = document.createElement('div');
  wrapper.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = control.id;
  label.textContent = labelText;
  wrapper.append(label);
  if (hint) {
    wrapper.title = hint;
    control.setAttribute('aria-description', hint);
  }
  return wrapper;
}

const LONG_CHOICE_CHARS = 26;

export function createSelect({ name, label, options, hint, onChange }) {
  const select = document.createElement('select');
  select.id = uniqueId(name);
  select.name = name;
  for (const option of options) select.append(new Option(option.label, option.value));
  select.addEventListener('change', () => onChange(select.value));
  const element = field(label, select, hint);
  element.append(select);
  // A closed menu shows only what fits its grid cell: give long choices the whole row.
  if (options.some((option) => option.label.length > LONG_CHOICE_CHARS)) element.classList.add('field-wide');
  return { element, setValue: (value) => (select.value = value) };
}

export function createCheckbox({ name, label, hint, onChange }) {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.id = uniqueId(name);
  input.addEventListener('change', () => onChange(input.checked));
  const element = field(label, input, hint);
  element.classList.add('field-inline');
  element.prepend(input);
  return { element, setValue: (value) => (input.checked = Boolean(value)) };
}

// A slider (linear or logarithmic) paired with a number box for typed entry.
export function createSlider({ name, label, min, max, integer = false, logScale = false, hint, onInput, onChange }) {
  const range = document.createElement('input');
  range.type = 'range';
  range.min = '0';
  range.max = '1000';
  range.step = '1';
  const number = document.createElement('input');
  number.type = 'text';
  number.inputMode = 'decimal';
  number.id = uniqueId(name);
  number.className = 'number';
  range.setAttribute('aria-label', `${label} slider`);

  const toPosition = (value) => {
    const t = logScale ? Math.log(value / min) / Math.log(max / min) : (value - min) / (max - min);
    return Math.round(Math.min(1, Math.max(0, t)) * 1000);
  };
  const fromPosition = (position) => {
    const t = position / 1000;
    const value = logScale ? min * (max / min) ** t : min + t * (max - min);
    return integer ? Math.round(value) : Number(value.toPrecision(3));
  };
  range.addEventListener('input', () => {
    const value = String(fromPosition(Number(range.value)));
    number.value = value;
    (onInput ?? onChange)(value);
  });
  range.addEventListener('change', () => onChange(String(fromPosition(Number(range.value)))));
  number.addEventListener('change', () => onChange(number.value));

  const element = field(label, number, hint);
  const row = document.createElement('div');
  row.className = 'slider-row';
  row.append(range, number);
  element.append(row);
  return {
    element,
    setValue(value) {
      range.value = String(toPosition(value));
      if (document.activeElement !== number && number.getRootNode().activeElement !== number) {
        number.value = integer ? String(value) : formatSetting(value);
      }
    },
  };
}

export function createTextInput({ name, label, hint, onChange }) {
  const input = document.createElement('input');
  input.type = 'text';
  input.id = uniqueId(name);
  input.className = 'number';
  input.addEventListener('change', () => onChange(input.value));
  const element = field(label, input, hint);
  element.append(input);
  return { element, setValue: (value) => (input.value = value) };
}

// A button with visible words (and an optional drawn icon, www/js/ui/icons.js). Its title is a
// description: the accessible name stays the visible words, so voice control ("click Reset")
// works. Only a button without words (a bare arrow) is named by its title.
export function createButton({ label, title, onClick, icon, iconAfter = false }) {
  const button = document.createElement('button');
  button.type = 'button';
  setButtonContent(button, { icon, label, iconAfter });
  if (title) {
    button.title = title;
    if (!/\p{L}/u.test(label)) button.setAttribute('aria-label', title);
  }
  button.addEventListener('click', onClick);
  return button;
}
