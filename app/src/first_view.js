// The app takes over from the first view (index.html's `#cd-first`, drawn
// before the wasm arrived; scripts/first-view/snapshot.mjs). The two are
// the same markup, so what the resident did there carries over: a changed
// field, an opened section, the focused control, then the buttons pressed
// and forms sent there (noted by the view's script), in order. Elements
// are matched by their position, and only when both pages have as many.
const FIELDS = 'input, select, textarea, details';
const FOCUSABLE = 'a[href], button, input, select, textarea, summary';

export function takeOver() {
  document.documentElement.setAttribute('data-cd-ready', '');
  const first = document.getElementById('cd-first');
  if (!first) return;
  const before = [...first.querySelectorAll(FIELDS)];
  const focusables = [...first.querySelectorAll(FOCUSABLE)];
  const focused = focusables.indexOf(document.activeElement);
  const counts = { button: 0, form: 0 };
  for (const kind of Object.keys(counts)) counts[kind] = first.querySelectorAll(kind).length;
  first.remove();
  const after = [...document.body.querySelectorAll(FIELDS)];
  if (before.length === after.length) {
    before.forEach((was, i) => carry(was, after[i]));
  }
  if (focused >= 0) {
    const target = document.body.querySelectorAll(FOCUSABLE)[focused];
    if (target) target.focus();
  }
  for (const [kind, i, what] of window.__cdFirstActions || []) {
    const now = document.body.querySelectorAll(kind);
    if (now.length !== counts[kind] || !now[i]) continue;
    // The same button or form, not one that took its place in a newer menu.
    if ((kind === 'button' ? now[i].textContent : now[i].className) !== what) continue;
    if (kind === 'button') now[i].click();
    else if (now[i].requestSubmit) now[i].requestSubmit();
    else now[i].dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  }
  window.__cdFirstActions = [];
}

function carry(was, now) {
  if (was.tagName !== now.tagName) return;
  if (was.tagName === 'DETAILS') {
    now.open = was.open;
    return;
  }
  if (was.type === 'checkbox' || was.type === 'radio') {
    if (was.checked === now.checked) return;
    now.checked = was.checked;
    now.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  if (was.value === now.value) return;
  now.value = was.value;
  now.dispatchEvent(new Event('input', { bubbles: true }));
  now.dispatchEvent(new Event('change', { bubbles: true }));
}
