// Finds elements by role and accessible name, as a user or a screen reader
// would, in the spirit of Testing Library. This is the one place where the
// end-to-end tests decide what a role and an accessible name are.
//
// Arguments: role ("link", "button", "heading", "field", "radio", "checkbox",
// "details"), match mode ("exact", "contains" or "any"), the wanted name, and
// for headings the wanted level or null.
//
// Returns { matches: [{ element, name, href }], names: [descriptions of
// every visible element of the role] }; the names make failure messages
// useful. `href` is set for links: path, query and fragment when the link is
// same-origin, else the full URL.
//
// With the role "focused" (other arguments ignored) it describes the focused
// element instead: { element, tag, role, explicitRole, name, level }, where
// `role` is one of the roles above or null, `explicitRole` the element's own
// `role` attribute or null, and a focused <summary> counts as its <details>.
//
// Simplifications of the ARIA accessible name computation: aria-labelledby,
// then aria-label, then (form controls) their <label>s, then (links, buttons,
// headings, summaries) their text content with img alt, then title.
// Placeholders never count as names. Whitespace is collapsed, and curly
// apostrophes compare equal to straight ones.
const [role, mode, wanted, level] = arguments;

const normalise = (text) =>
  (text || "").replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ").trim();

const selectors = {
  link: "a[href], area[href], [role~='link']",
  button:
    "button, input[type='button'], input[type='submit'], input[type='reset'], input[type='image'], [role~='button']",
  heading: "h1, h2, h3, h4, h5, h6, [role~='heading']",
  field:
    "input:not([type='hidden']):not([type='button']):not([type='submit']):not([type='reset'])" +
    ":not([type='image']):not([type='checkbox']):not([type='radio']), textarea, select, " +
    "[role~='textbox'], [role~='combobox'], [role~='searchbox'], [role~='spinbutton']",
  radio: "input[type='radio'], [role~='radio']",
  checkbox: "input[type='checkbox'], [role~='checkbox'], [role~='switch']",
  details: "details",
};

// Explicit roles that keep an element in each role; any other explicit role
// (e.g. <a role="button">, <h2 role="presentation">) takes it out.
const allowedExplicit = {
  link: ["link"],
  button: ["button"],
  heading: ["heading"],
  field: ["textbox", "combobox", "searchbox", "spinbutton"],
  radio: ["radio"],
  checkbox: ["checkbox", "switch"],
  details: ["group"],
};

const nameFromContent = ["link", "button", "heading", "radio", "checkbox"];

const isHidden = (el) => {
  if (el.closest("[hidden], [aria-hidden='true'], [inert]")) return true;
  if (typeof el.checkVisibility === "function") {
    return !el.checkVisibility({ visibilityProperty: true });
  }
  return el.getClientRects().length === 0;
};

// The text a user perceives inside `node`, skipping hidden parts and form
// controls (a label's own input is not part of its name).
const textOf = (node) => {
  let out = "";
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      out += child.data;
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = child.localName;
    if (["script", "style", "template", "input", "select", "textarea"].includes(tag)) continue;
    if (child.hidden || child.getAttribute("aria-hidden") === "true") continue;
    const style = getComputedStyle(child);
    if (style.display === "none" || style.visibility === "hidden") continue;
    if (tag === "br") {
      out += " ";
      continue;
    }
    if (tag === "img" || tag === "area") {
      out += " " + (child.getAttribute("alt") || "") + " ";
      continue;
    }
    const label = normalise(child.getAttribute("aria-label"));
    const inner = label || textOf(child);
    out += style.display.startsWith("inline") ? inner : " " + inner + " ";
  }
  return out;
};

const nameOf = (el, role) => {
  const labelledBy = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
  if (labelledBy.length) {
    const text = normalise(
      labelledBy
        .map((id) => document.getElementById(id))
        .filter(Boolean)
        .map((ref) => normalise(ref.getAttribute("aria-label")) || textOf(ref))
        .join(" ")
    );
    if (text) return text;
  }
  const ariaLabel = normalise(el.getAttribute("aria-label"));
  if (ariaLabel) return ariaLabel;
  const tag = el.localName;
  if (tag === "input" && ["button", "submit", "reset"].includes(el.type)) {
    const value = normalise(el.value);
    if (value) return value;
  }
  if (tag === "input" && el.type === "image") {
    const alt = normalise(el.getAttribute("alt"));
    if (alt) return alt;
  }
  if (el.labels && el.labels.length) {
    const text = normalise([...el.labels].map(textOf).join(" "));
    if (text) return text;
  }
  if (role === "details") {
    const summary = el.querySelector(":scope > summary");
    if (summary) return normalise(textOf(summary));
  }
  if (nameFromContent.includes(role)) {
    const text = normalise(textOf(el));
    if (text) return text;
  }
  return normalise(el.getAttribute("title"));
};

const levelOf = (el) => {
  const match = /^h([1-6])$/.exec(el.localName);
  const explicit = parseInt(el.getAttribute("aria-level") || "", 10);
  if (!Number.isNaN(explicit)) return explicit;
  return match ? parseInt(match[1], 10) : 2;
};

// The role (from the list above) that `el` has, or null.
const roleOf = (el) => {
  const explicitRole = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
  for (const candidate of Object.keys(selectors)) {
    if (!el.matches(selectors[candidate])) continue;
    if (explicitRole && !allowedExplicit[candidate].includes(explicitRole)) continue;
    return candidate;
  }
  return null;
};

if (role === "focused") {
  let el = document.activeElement;
  if (el && el.localName === "summary" && el.parentElement && el.parentElement.localName === "details") {
    el = el.parentElement;
  }
  if (!el || el === document.body || el === document.documentElement) {
    return { element: null, tag: el ? el.localName : null, role: null, explicitRole: null, name: "", level: null };
  }
  const elRole = roleOf(el);
  return {
    element: el,
    tag: el.localName,
    role: elRole,
    explicitRole: el.getAttribute("role"),
    name: elRole ? nameOf(el, elRole) : normalise(el.getAttribute("aria-label") || el.getAttribute("title")),
    level: elRole === "heading" ? levelOf(el) : null,
  };
}

const target = normalise(wanted);
const matches = [];
const names = [];
for (const el of document.querySelectorAll(selectors[role])) {
  const explicitRole = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
  if (explicitRole && !allowedExplicit[role].includes(explicitRole)) continue;
  if (isHidden(el)) continue;
  const name = nameOf(el, role);
  if (role === "heading") {
    const elLevel = levelOf(el);
    names.push("h" + elLevel + " " + JSON.stringify(name));
    if (level !== null && elLevel !== level) continue;
  } else {
    names.push(JSON.stringify(name));
  }
  const ok = mode === "any" || (mode === "exact" ? name === target : name.includes(target));
  if (!ok) continue;
  let href = null;
  const rawHref = el.getAttribute("href");
  if (role === "link" && rawHref !== null) {
    try {
      const url = new URL(rawHref, document.baseURI);
      href = url.origin === location.origin ? url.pathname + url.search + url.hash : url.href;
    } catch (_) {
      href = rawHref;
    }
  }
  matches.push({ element: el, name, href });
}
return { matches, names };
