// Debian's Chromium, headless, started the one way that works on this machine kind: the e2e tests,
// the start-up and responsiveness benchmarks and the screenshot script all launch it from here.
// Without the background-networking flags Chromium keeps trying Google's hosts, which the closed
// network refuses.
const { chromium } = require('playwright-core');

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

module.exports = { launchChromium };
