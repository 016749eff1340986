// Colours for categories (optimizers, losses, classes): the Okabe–Ito palette, designed to stay
// distinguishable with the common colour-vision deficiencies, WCAG contrast helpers, and the two
// themes (light and dark) every widget's styles and canvases take their colours from. A colour
// drawn as a line or a dot needs ≥ 3:1 against its background (text 4.5:1): on white the light
// members of the palette (yellow, sky blue, orange) are darkened along their own hue until they
// do, on the dark background the dark ones (black) are lightened.

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
};

export const GRAPHICS_CONTRAST = 3;
export const TEXT_CONTRAST = 4.5;

// The widgets' colours by scheme: the shadow-DOM styles (widget-styles.js) and every canvas draw
// from these. background is the widget's and its plots' background; text, secondary and muted
// are text (≥ 4.5:1 on it, also on panel); accent, danger, ok and warn are text and marks;
// the *Soft colours are tinted backgrounds behind text of their hue; grid is the plots' grid, neutral (translucent)
// a whole run drawn faintly behind its shown part or a shaded region, edge the dark rim that sets a line off its
// neighbours.
export const THEMES = {
  light: {
    background: '#ffffff',
    panel: '#f6f8fb',
    border: '#d5dbe5',
    text: '#1d2430',
    secondary: '#3b4452',
    muted: '#5b6472',
    faint: '#8a94a6',
    accent: '#2b6cb0',
    onAccent: '#ffffff',
    accentSoft: '#eef4fb',
    danger: '#c92a2a',
    dangerSoft: '#fdeaea',
    ok: '#2f7d32',
    okSoft: '#e6f4e7',
    warn: '#a15c00',
    warnSoft: '#fff4d6',
    highlight: '#e5177b',
    highlightSoft: '#fff0f6',
    grid: 'rgba(0,0,0,0.08)',
    neutral: '#788291',
    edge: '#1d2430',
  },
  dark: {
    background: '#161b22',
    panel: '#1f2630',
    border: '#3a4352',
    text: '#e6eaf0',
    secondary: '#c3cad6',
    muted: '#9ba5b5',
    faint: '#7d8797',
    accent: '#5a9de6',
    onAccent: '#0d1117',
    accentSoft: '#1d2b3d',
    danger: '#ff7b72',
    dangerSoft: '#3a1e20',
    ok: '#56d364',
    okSoft: '#18301d',
    warn: '#e3a33f',
    warnSoft: '#35290f',
    highlight: '#ff5ca8',
    highlightSoft: '#3a1a2b',
    grid: 'rgba(255,255,255,0.1)',
    neutral: '#8c96a5',
    edge: '#000000',
  },
};

// '#rrggbb' → [r, g, b] in 0…255.
export function channels(hex) {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex(rgb) {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

// WCAG 2 relative luminance.
function luminance(hex) {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// WCAG contrast ratio of two '#rrggbb' colours (1 … 21).
export function contrastRatio(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

// [r, g, b] a fraction t of the way from the theme's background to `rgb`: a field's tint.
export function tint(rgb, t, theme) {
  const base = channels(theme.background);
  return rgb.map((c, i) => Math.round(base[i] + (c - base[i]) * t));
}

// A '#rrggbb' colour with an alpha, as a canvas style: withAlpha('#1d2430', 0.35).
export function withAlpha(hex, alpha) {
  return `rgba(${channels(hex).join(',')},${alpha})`;
}

// `color`, moved in small steps (same hue) until it has `minimum` contrast against
// `background`: darkened towards black on a light background (the version of a light colour that
// reads as a line on white), lightened towards white on a dark one.
export function ink(color, { background = '#ffffff', minimum = GRAPHICS_CONTRAST } = {}) {
  if (contrastRatio(color, background) >= minimum) return color;
  const rgb = channels(color);
  const darken = contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff');
  for (let step = 0.02; step < 1; step += 0.02) {
    const candidate = toHex(rgb.map((c) => (darken ? c * (1 - step) : c + (255 - c) * step)));
    if (contrastRatio(candidate, background) >= minimum) return candidate;
  }
  return darken ? '#000000' : '#ffffff';
}

// The theme of the widget a canvas context draws for: its shadow root's host resolves the colour
// scheme (descent-widget.js); a canvas outside a widget draws light.
export function themeOf(context) {
  return THEMES[context.canvas.getRootNode?.().host?.colorScheme] ?? THEMES.light;
}

// A category colour as drawn on the theme's background (≥ 3:1), computed once per pair. Only
// '#rrggbb' colours are adjusted: a translucent one is a deliberately faint fill.
const inkCache = new Map();
export function seriesInk(color, theme) {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return color;
  const key = `${color} ${theme.background}`;
  if (!inkCache.has(key)) inkCache.set(key, ink(color, { background: theme.background }));
  return inkCache.get(key);
}
