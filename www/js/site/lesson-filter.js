// The home page's lesson search: a text field and a track menu that hide the lesson cards (and
// the tracks left empty) that do not match, and say politely how many do. A card matches when every
// word typed appears in its data-search text (title, summary, track, widgets — written by the
// build), ignoring case and accents.

export const normalise = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function matches(searchText, query) {
  const haystack = normalise(searchText);
  return normalise(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function filterStatus(shown, total, query) {
  if (shown === 0) {
    return query.trim()
      ? `No lesson matches “${query.trim()}”. Try another word, or all tracks.`
      : 'No lesson in this track yet.';
  }
  return shown === total ? `All ${total} lessons.` : `${shown} of ${total} lessons.`;
}

function start(form) {
  const course = form.closest('#lessons');
  const search = form.querySelector('input[type=search]');
  const trackMenu = form.querySelector('select');
  const status = form.querySelector('[data-role=filter-status]');
  const cards = [...course.querySelectorAll('.lesson-card')];
  const apply = () => {
    let shown = 0;
    for (const card of cards) {
      const visible =
        (!trackMenu.value || card.dataset.track === trackMenu.value) && matches(card.dataset.search, search.value);
      card.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    for (const track of course.querySelectorAll('.track'))
      track.hidden = !track.querySelector('.lesson-card:not([hidden])');
    status.textContent = filterStatus(shown, cards.length, search.value);
  };
  form.addEventListener('input', apply);
  form.addEventListener('submit', (event) => event.preventDefault()); // Enter must not reload the page.
  form.hidden = false;
  apply();
}

if (typeof document !== 'undefined') {
  const form = document.querySelector('#lessons [data-role=course-filter]');
  if (form) start(form);
}
