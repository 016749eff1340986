// The home page's widget gallery: each widget's "Run it here" button puts a live one (its
// <template>, written by the build from the registry's example) on the page, and takes it away
// again. Only then does the core start for it; removed, the widget frees its core objects.

function toggle(button) {
  const card = button.closest('.widget-card');
  const live = card.querySelector('.widget-live');
  const running = button.getAttribute('aria-expanded') === 'true';
  if (running) {
    live.replaceChildren();
  } else {
    live.append(card.querySelector('template[data-role=live-widget]').content.cloneNode(true));
  }
  button.setAttribute('aria-expanded', String(!running));
  button.textContent = running ? 'Run it here' : 'Remove it';
  card.toggleAttribute('data-running', !running);
}

if (typeof document !== 'undefined') {
  const gallery = document.querySelector('.widget-gallery');
  if (gallery) {
    for (const button of gallery.querySelectorAll('button.run-widget')) button.hidden = false;
    gallery.addEventListener('click', (event) => {
      const button = event.target.closest?.('button.run-widget');
      if (button) toggle(button);
    });
  }
}
