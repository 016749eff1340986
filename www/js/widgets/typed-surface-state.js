// The typed surfaces ("custom": f(x, y), "custom1d": f(x)) in the state of <descent-gd> and
// <descent-race>: the `expression` attribute, the core's typed surfaces joining the catalog, and
// the formula check. Pure functions, no imports (the site build loads state files on their own).
const MAX_FORMULA_LENGTH = 1000;

export const isTypedSurface = (id) => id === 'custom' || id === 'custom1d';

// The formula of a typed surface; ignored by the built-in surfaces.
export const EXPRESSION_ENTRY = {
  name: 'expression',
  type: 'custom',
  defaultValue: null,
  parse: (text) =>
    text.length === 0 || text.length > MAX_FORMULA_LENGTH
      ? { error: `expression: a formula of 1–${MAX_FORMULA_LENGTH} characters is needed` }
      : { value: text },
  format: (text) => text,
};

// A copy of the core's catalog whose surface list ends with the typed surfaces
// (core.typedSurfaces(): {id, label, dimension, defaultStart, defaultExpression}).
export function withTypedSurfaces(catalog, typedSurfaces) {
  return { ...catalog, surfaces: [...catalog.surfaces, ...typedSurfaces] };
}

// The expression a core config needs: the state's formula, or the typed surface's default;
// undefined for a built-in surface.
export function expressionFor(state, catalog) {
  if (!isTypedSurface(state.surface)) return undefined;
  return state.expression ?? catalog.surfaces.find((s) => s.id === state.surface).defaultExpression;
}

// A typed surface's formula is parsed by the core (checkFormula): a bad one is reported, with the
// position of the problem, and the default formula is used instead.
export function checkExpression(state, catalog, core, errors) {
  if (!isTypedSurface(state.surface) || state.expression === null) return;
  const surface = catalog.surfaces.find((s) => s.id === state.surface);
  const check = core.checkFormula({ expression: state.expression, dimension: surface.dimension });
  if (!check.ok) {
    errors.push(`expression: ${check.error} — using ${surface.defaultExpression}`);
    state.expression = null;
  }
}
