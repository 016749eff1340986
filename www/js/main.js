// Entry of the widget bundle (descent.js): defines every widget custom element from the widget
// registry. The WebAssembly core is prepended to this bundle at build time, so one classic
// <script> tag is all a teacher's page needs. What only the site's own pages use (lessons, the
// course map) is in site.js (www/js/site.js), so embedding a widget does not pay for it.
import { loadDigits } from './data/digits.js';
import { defineWidgets } from './widgets/registry.js';

defineWidgets();

// The data files next to descent.js (data/), for the page's own scripts too:
// Descent.loadDigits() (www/js/data/digits.js).
globalThis.Descent = Object.assign(globalThis.Descent || {}, { loadDigits });
