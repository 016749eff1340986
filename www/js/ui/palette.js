// Colours for categories (optimizers, losses, classes): the Okabe–Ito palette, designed to stay
// distinguishable with the common colour-vision deficiencies, and WCAG contrast helpers. A colour
// drawn as a line or a dot on white needs ≥ 3:1 against it (text 4.5:1); the light members of
// the palette (yellow, sky blue, orange) are darkened along their own hue until they do.

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

// '#rrggbb' → [r, g, b] in 0…255.
function channels(hex) {
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

// `color`, darkened towards black in small steps (same hue) until it has `minimum` contrast
// against `background`: the version of a light colour that reads as a line on white.
export function ink(color, { background = '#ffffff', minimum = GRAPHICS_CONTRAST } = {}) {
  if (contrastRatio(color, background) >= minimum) return color;
  const rgb = channels(color);
  for (let scale = 0.98; scale > 0; scale -= 0.02) {
    const candidate = toHex(rgb.map((c) => c * scale));
    if (contrastRatio(candidate, background) >= minimum) return candidate;
  }
  return '#000000';
}
