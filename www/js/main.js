// Entry of the site bundle (descent.js): registers every widget custom element
// and the lesson-page helpers. The WebAssembly core is prepended to this bundle
// at build time, so one classic <script> tag is all a page needs.
import './widgets/gd/element.js';
import './widgets/race/element.js';
import './widgets/dynamics/element.js';
import './widgets/regularization/element.js';
import './widgets/graph/element.js';
import './widgets/backprop/element.js';
import './widgets/neuron/element.js';
import './widgets/playground/element.js';
import './widgets/loss/element.js';
import './widgets/activations/element.js';
import './widgets/sgd/element.js';
import './widgets/lr/element.js';
import './widgets/perceptron/element.js';
import './site/lesson-experiments.js';
