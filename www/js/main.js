// Entry of the site bundle (descent.js): defines every widget custom element from the widget
// registry, and the lesson-page helpers. The WebAssembly core is prepended to this bundle at
// build time, so one classic <script> tag is all a page needs.
import { defineWidgets } from './widgets/registry.js';
import './site/lesson-experiments.js';
import './site/lesson-expect.js';
import './site/lesson-pin.js';

defineWidgets();
