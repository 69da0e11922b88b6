// A tiny DOM builder: every text goes in as a text node, so API data can never inject markup.

/**
 * h('a', { href: '#/', class: 'x', onclick: fn, 'aria-label': '…' }, 'text', child, [more], null)
 * Attributes set to false/null/undefined are left out; true sets an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A page panel: <section class="panel …" aria-labelledby=id><div class="panel-head"><h2 id=id>title</h2>meta…</div>body…</section>
 * `meta` is whatever stands after the heading in the head (a .panel-meta line, a legend, a download button), `class` adds
 * to "panel", `heading` is the heading's tag ('h1' for a page's one panel).
 */
export function panel({ id, title, meta = null, class: cls = null, heading = 'h2' }, ...body) {
  return h('section', { class: ['panel', cls], 'aria-labelledby': id }, h('div', { class: 'panel-head' }, h(heading, { id }, title), meta), ...body);
}
