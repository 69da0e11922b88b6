// @ts-check
// A tiny DOM builder: every text goes in as a text node, so API data can never inject markup.

/**
 * h('a', { href: '#/', class: 'x', onclick: fn, 'aria-label': '…' }, 'text', child, [more], null)
 * Attributes set to false/null/undefined are left out; true sets an empty attribute.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...unknown} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function')
      el.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
    else if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : String(v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** @param {Element} el @param {unknown[]} children */
function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * Replaces an element's content.
 * @template {Element} E
 * @param {E} el
 * @param {...unknown} children
 * @returns {E}
 */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A page panel: <section class="panel …" aria-labelledby=id><div class="panel-head"><h2 id=id>title</h2>meta…</div>body…</section>
 * `meta` is whatever stands after the heading in the head (a .panel-meta line, a legend, a download button), `class` adds
 * to "panel", `heading` is the heading's tag ('h1' for a page's one panel).
 * @param {{ id: string, title: unknown, meta?: unknown, class?: string | null, heading?: 'h1' | 'h2' | 'h3' }} options
 * @param {...unknown} body
 */
export function panel({ id, title, meta = null, class: cls = null, heading = 'h2' }, ...body) {
  return h(
    'section',
    { class: ['panel', cls], 'aria-labelledby': id },
    h('div', { class: 'panel-head' }, h(heading, { id }, title), meta),
    ...body,
  );
}

/**
 * Focuses the first element under `container` that `selector` matches (an input, a heading, an error box); whether
 * there was one to focus.
 * @param {ParentNode | null | undefined} container
 * @param {string} selector
 * @param {FocusOptions} [options]
 */
export function focusFirst(container, selector, options) {
  const el = container?.querySelector(selector);
  if (!(el instanceof HTMLElement)) return false;
  el.focus(options);
  return true;
}
