// The control of one state schema entry, made from the entry itself: its label, hint, kind
// (slider, select, checkbox or text box), range, step and log scale, and — for a select — its
// choices, from the entry or from the core's catalog the entry names. What the learner types or
// drags goes through the widget's applyControl, so parsing and range checks stay in one place
// (state-schema.js parseValue). Returns {element, setValue} like the controls it wraps.
//
// `overrides` (rarely needed) replace entry fields for this control only, e.g. a slider span the
// core gives at start-up ({sliderMin, sliderMax}) or a select's options ({options}).
import { choicesOf, readCoreCatalogs } from '../core-catalogs.js';
import { createCheckbox, createSelect, createSlider, createTextInput } from './controls.js';

function kindOf(spec) {
  if (spec.control) return spec.control;
  if (spec.type === 'boolean') return 'checkbox';
  if (spec.options || spec.choices || spec.catalog) return 'select';
  if (
    (spec.type === 'number' || spec.type === 'integer') &&
    Number.isFinite(spec.sliderMin ?? spec.min) &&
    Number.isFinite(spec.sliderMax ?? spec.max)
  )
    return 'slider';
  return 'text';
}

export function createSchemaControl(entry, widget, overrides = {}) {
  if (!entry) throw new Error('createSchemaControl: no such schema entry');
  const spec = { ...entry, ...overrides };
  const { name } = entry;
  const label = spec.label ?? name;
  const hint = spec.hint;
  const onChange = (raw) => widget.applyControl(name, raw);
  switch (kindOf(spec)) {
    case 'checkbox':
      return createCheckbox({ name, label, hint, onChange: (checked) => onChange(checked ? 'true' : 'false') });
    case 'select': {
      const options = spec.options ?? choicesOf(spec, readCoreCatalogs(widget.core));
      return createSelect({
        name,
        label,
        hint,
        options: options.map((option) => ({ value: String(option.value), label: option.label })),
        onChange,
      });
    }
    case 'slider':
      return createSlider({
        name,
        label,
        hint,
        min: spec.sliderMin ?? spec.min,
        max: spec.sliderMax ?? spec.max,
        integer: spec.integer ?? spec.type === 'integer',
        logScale: Boolean(spec.logScale),
        // While dragging: the widget re-simulates only if that is cheap (previewControl).
        onInput: (raw) => widget.previewControl(name, raw),
        onChange,
      });
    case 'text':
      return createTextInput({ name, label, hint, onChange });
    default:
      throw new Error(`${name}: unknown control kind ${spec.control}`);
  }
}
