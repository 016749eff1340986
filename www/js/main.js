// Entry of the site bundle (descent.js): registers every widget custom element
// and the lesson-page helpers. The WebAssembly core is prepended to this bundle
// at build time, so one classic <script> tag is all a page needs.
import './widgets/descent-gd.js';
import './widgets/descent-race.js';
import './widgets/descent-dynamics.js';
import './widgets/descent-regularization.js';
import './widgets/descent-graph.js';
import './widgets/descent-backprop.js';
import './widgets/descent-neuron.js';
import './widgets/descent-playground.js';
import './widgets/descent-loss.js';
import './widgets/descent-activations.js';
import './widgets/descent-sgd.js';
import './widgets/descent-lr.js';
import './widgets/descent-perceptron.js';
import './site/lesson-experiments.js';
