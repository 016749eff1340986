// Small drawn icons for buttons. Glyphs such as ⏸ are missing from common fonts (they render as an
// empty box), so the transport icons are SVG, sized to the text and coloured with it.
const PATHS = {
  play: 'M3 2 L13 8 L3 14 Z',
  pause: 'M3 2 H6.5 V14 H3 Z M9.5 2 H13 V14 H9.5 Z',
  'step-back': 'M3 2 H5 V14 H3 Z M13 2 L6 8 L13 14 Z',
  'step-forward': 'M11 2 H13 V14 H11 Z M3 2 L10 8 L3 14 Z',
};

export function icon(name) {
  const namespace = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(namespace, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '0.85em');
  svg.setAttribute('height', '0.85em');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('icon');
  const path = document.createElementNS(namespace, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

// Sets a button's content to an icon and its visible words, in that order or words first.
export function setButtonContent(button, { icon: name, label, iconAfter = false }) {
  const parts = name ? [icon(name), label] : [label];
  button.replaceChildren(...(iconAfter ? parts.reverse() : parts));
}
