// @ts-check
// The one list component (issue 16 §1): a filter bar (search box, filter chips with the server's counts, sort and
// direction), the saved views of this list beside it (「保存视图」), the page's rows and a pager (第 x/y 页，共 n 条).
// The view lives in the page's URL (#/…?status=open&sort=due&page=2, with a prefix when a page holds two lists), so
// back/forward and reload restore it; the server filters, sorts, pages and counts (GET /api/lists/:name says what
// each list accepts). With `selectable`, rows carry checkboxes and the component keeps the selection of the page.
// A list's free filters (a department, a number of days) join the bar as `extras`, applied with the search.

import { api, ApiError } from './api.js';
import { getLocale, label, t } from './i18n.js';
import { html, nothing, render } from './lit.js';
import { navigate } from './shell.js';
import { errorBox, loading } from './ui.js';

/** @type {Map<string, Promise<any>>} */
const descriptions = new Map();
/** What a list accepts (its sorts, filters and defaults), fetched once per list. @param {string} name */
export function describeList(name) {
  let d = descriptions.get(name);
  if (!d) {
    d = api.listDescription(name);
    d.catch(() => descriptions.delete(name));
    descriptions.set(name, d);
  }
  return d;
}

/**
 * @typedef {{
 *   list: string,
 *   query: URLSearchParams,
 *   hash: (query: URLSearchParams) => string,
 *   load: (params: Record<string, string>) => Promise<any>,
 *   rows: (res: any, select: Selection | null) => unknown,
 *   prefix?: string,
 *   chips?: string[],
 *   chipLabel?: (filter: string, value: string) => string,
 *   fixed?: Record<string, string>,
 *   defaults?: Record<string, string>,
 *   title?: string,
 *   empty?: string,
 *   selectable?: { key: (item: any) => string, onChange?: (keys: string[]) => void },
 *   extras?: ExtraFilter[],
 *   onLoad?: (res: any) => void,
 *   stale?: () => boolean,
 * }} ListViewOptions
 * A free filter of the list in the bar: a choice (`options`, the answer's `counts.<name>` beside each when the list
 * counts it) or a whole number (`number`: out of range is refused beside the field, nothing loaded).
 * @typedef {{ name: string, label: string, options?: Array<{ value: string, label: string }>,
 *   number?: { min: number, max: number, invalid: string } }} ExtraFilter
 * @typedef {{ box: (item: any) => unknown, all: () => unknown, keys: () => string[] }} Selection
 */

/**
 * A filter value's label: the server's code labels where the code is one of them (stage, decision status, task,
 * review and letter kinds), the list's own words otherwise; with no value, the filter's name.
 * @param {string} list @param {string} filter @param {string} value
 */
export function valueLabel(list, filter, value) {
  if (!value) return t(`list.filter.${filter}`);
  if (filter === 'stage') return label('stage', value);
  if (filter === 'status' && list === 'decisions') return label('status', value);
  if (filter === 'kind' && list === 'inbox') return label('taskKind', value);
  if (filter === 'kind' && list === 'reviews') return label('reviewKind', value);
  if (filter === 'kind' && list === 'letters') return label('documentKind', value);
  if (filter === 'role') return label('role', value);
  return t(`list.value.${list}.${filter}.${value}`);
}

/**
 * The counts of each list's last counted answer, by its parameters other than the page: turning the page within a
 * minute asks without them (`counts=false`, issue 13) and shows these. A list that answers counts anyway is shown
 * with its own.
 * @type {Map<string, { key: string, page: string | undefined, at: number, counts: any }>}
 */
const countsSeen = new Map();

/**
 * Renders a list into `container` and loads it.
 * @param {HTMLElement} container
 * @param {ListViewOptions} o
 */
export function listView(container, o) {
  const prefix = o.prefix ?? '';
  // Whatever the container showed before (a page's loading line) gives way to the list.
  container.replaceChildren();
  const chipLabel = o.chipLabel ?? ((/** @type {string} */ f, /** @type {string} */ v) => valueLabel(o.list, f, v));
  const id = `lv-${o.list}${prefix ? `-${prefix.replace(/\W/g, '')}` : ''}`;
  /** Whether a URL parameter is this list's: its prefix, or (without one) no other list's prefix. */
  const mine = (/** @type {string} */ k) => (prefix ? k.startsWith(prefix) : !k.includes('.'));
  /** The list's own parameters from the page's URL (prefix removed), page included. */
  const own = () => {
    /** @type {Record<string, string>} */
    const out = {};
    for (const [k, v] of o.query) if (mine(k) && v !== '') out[k.slice(prefix.length)] = v;
    return out;
  };
  /** The page's hash with this list's parameters replaced. @param {Record<string, string | undefined>} next */
  const hrefWith = (next) => {
    const q = new URLSearchParams();
    for (const [k, v] of o.query) if (!mine(k)) q.append(k, v);
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') q.set(`${prefix}${k}`, v);
    return o.hash(q);
  };
  const change = (/** @type {Record<string, string | undefined>} */ patch) => {
    const next = { ...own(), ...patch };
    if (!('page' in patch)) delete next.page;
    navigate(hrefWith(next));
  };
  /** @type {Set<string>} */
  const selected = new Set();
  /** @type {any} */
  let desc = null;
  /** @type {any} */
  let res = null;
  /** @type {any[]} */
  let views = [];
  /** @type {unknown} */
  let problem = null;
  let saving = false;
  /** The extra number filters refused as typed, by name. @type {Set<string>} */
  const refused = new Set();
  /** @type {string} */
  let saveError = '';

  /** @type {Selection | null} */
  const select = o.selectable
    ? {
        box: (item) => {
          const key = o.selectable?.key(item) ?? '';
          return html`<input type="checkbox" class="row-select" aria-label=${t('list.selectRow')}
            .checked=${selected.has(key)} @change=${(/** @type {Event} */ ev) => {
              if (/** @type {HTMLInputElement} */ (ev.target).checked) selected.add(key);
              else selected.delete(key);
              o.selectable?.onChange?.([...selected]);
              draw();
            }} />`;
        },
        all: () => {
          const keys = (res?.items ?? []).map((/** @type {any} */ i) => o.selectable?.key(i) ?? '');
          const every = keys.length > 0 && keys.every((/** @type {string} */ k) => selected.has(k));
          return html`<input type="checkbox" class="row-select-all" aria-label=${t('list.selectPage')}
            .checked=${every} @change=${() => {
              for (const k of keys) every ? selected.delete(k) : selected.add(k);
              o.selectable?.onChange?.([...selected]);
              draw();
            }} />`;
        },
        keys: () => [...selected],
      }
    : null;

  const chipBar = () => {
    if (!desc || !res) return nothing;
    const params = own();
    const shown = (o.chips ?? []).map((name) => desc.filters.find((/** @type {any} */ f) => f.name === name));
    return shown.filter(Boolean).map((/** @type {any} */ f) => {
      const counts = res.counts?.[f.name] ?? {};
      const fallback = f.default ?? o.defaults?.[f.name];
      const active = params[f.name] ?? fallback ?? '';
      const values = f.values.filter((/** @type {string} */ v) => (counts[v] ?? 0) > 0 || v === active);
      const total = Object.values(counts).reduce((/** @type {number} */ a, /** @type {any} */ b) => a + Number(b), 0);
      return html`<div class="chips" role="group" aria-label=${chipLabel(f.name, '')} data-filter=${f.name}>
        <span class="chips-label">${chipLabel(f.name, '')}</span>
        ${
          fallback
            ? nothing
            : html`<a class=${`chip${active ? '' : ' is-active'}`} href=${hrefWith({ ...params, [f.name]: undefined, page: undefined })}
                aria-current=${active ? 'false' : 'true'}>${t('filter.all')} <span class="chip-count">${total}</span></a>`
        }
        ${values.map(
          (/** @type {string} */ v) =>
            html`<a class=${`chip${v === active ? ' is-active' : ''}`} data-value=${v}
              href=${hrefWith({ ...params, [f.name]: v === active && !fallback ? undefined : v, page: undefined })}
              aria-current=${v === active ? 'true' : 'false'}>${chipLabel(f.name, v)}
              <span class="chip-count">${counts[v] ?? 0}</span></a>`,
        )}
      </div>`;
    });
  };

  const bar = () => {
    const params = own();
    const sort = params.sort ?? desc?.defaultSort ?? '';
    const dir = params.dir ?? desc?.defaultDir ?? 'asc';
    const extras = desc ? (o.extras ?? []) : [];
    return html`<form class="list-bar" role="search" novalidate @submit=${(/** @type {Event} */ ev) => {
      ev.preventDefault();
      const form = /** @type {HTMLFormElement} */ (ev.target);
      const input = /** @type {HTMLInputElement | null} */ (container.querySelector(`#${id}-q`));
      /** @type {Record<string, string | undefined>} */
      const patch = input ? { q: input.value.trim() || undefined } : {};
      refused.clear();
      for (const x of extras) {
        const raw = String(new FormData(form).get(x.name) ?? '').trim();
        const n = Number(raw);
        if (x.number && raw && (!Number.isInteger(n) || n < x.number.min || n > x.number.max)) refused.add(x.name);
        patch[x.name] = raw || undefined;
      }
      if (refused.size) {
        draw();
        /** @type {HTMLElement | null} */ (container.querySelector(`#${id}-${[...refused][0]}`))?.focus();
        return;
      }
      change(patch);
    }}>
      ${
        desc?.search
          ? html`<div class="filter filter--grow">
              <label for=${`${id}-q`}>${t('filter.search')}</label>
              <input id=${`${id}-q`} name="q" type="search" maxlength="100" .value=${params.q ?? ''}
                placeholder=${t(`list.searchHint.${o.list}`)} />
            </div>`
          : nothing
      }
      ${extras.map((x) => extraControl(x, params[x.name] ?? ''))}
      ${
        desc?.search || extras.length
          ? html`<div class="filter filter--actions"><button type="submit" class="btn btn--primary">${t('filter.apply')}</button></div>`
          : nothing
      }
      ${
        desc && desc.sorts.length > 1
          ? html`<div class="filter">
              <label for=${`${id}-sort`}>${t('list.sort')}</label>
              <select id=${`${id}-sort`} @change=${(/** @type {Event} */ ev) =>
                change({ sort: /** @type {HTMLSelectElement} */ (ev.target).value })}>
                ${desc.sorts.map(
                  (/** @type {string} */ s) =>
                    html`<option value=${s} ?selected=${s === sort}>${t(`list.sortBy.${s}`)}</option>`,
                )}
              </select>
            </div>`
          : nothing
      }
      ${
        desc
          ? html`<div class="filter filter--actions">
              <button type="button" class="btn list-dir" aria-label=${t('list.direction')}
                @click=${() => change({ dir: dir === 'asc' ? 'desc' : 'asc' })}>
                ${dir === 'asc' ? `↑ ${t('list.asc')}` : `↓ ${t('list.desc')}`}
              </button>
              ${
                Object.keys(params).some((k) => k !== 'page')
                  ? html`<a class="btn" href=${hrefWith({})}>${t('filter.reset')}</a>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </form>`;
  };

  /** @param {ExtraFilter} x @param {string} value */
  const extraControl = (x, value) => {
    const fid = `${id}-${x.name}`;
    if (x.number) {
      const bad = refused.has(x.name);
      return html`<div class="filter">
        <label for=${fid}>${x.label}</label>
        <input id=${fid} name=${x.name} type="number" min=${x.number.min} max=${x.number.max} step="1"
          inputmode="numeric" aria-describedby=${`${fid}-error`} aria-invalid=${bad ? 'true' : 'false'}
          .value=${value} />
        <span id=${`${fid}-error`} class="field-error" ?hidden=${!bad}>${x.number.invalid}</span>
      </div>`;
    }
    const counts = res?.counts?.[x.name];
    return html`<div class="filter">
      <label for=${fid}>${x.label}</label>
      <select id=${fid} name=${x.name} @change=${(/** @type {Event} */ ev) =>
        /** @type {HTMLSelectElement} */ (ev.target).form?.requestSubmit()}>
        <option value="" ?selected=${value === ''}>${t('filter.all')}</option>
        ${(x.options ?? []).map(
          (c) =>
            html`<option value=${c.value} ?selected=${c.value === value}>${
              counts ? t('list.optionCount', { label: c.label, n: counts[c.value] ?? 0 }) : c.label
            }</option>`,
        )}
      </select>
    </div>`;
  };

  const savedViews = () => {
    const params = own();
    delete params.page;
    const current = JSON.stringify(Object.entries(params).sort());
    return html`<div class="saved-views" aria-label=${t('list.views')}>
      <span class="chips-label">${t('list.views')}</span>
      ${views.length ? nothing : html`<span class="muted">${t('list.noViews')}</span>`}
      ${views.map((v) => {
        const same = JSON.stringify(Object.entries(v.query).sort()) === current;
        return html`<span class=${`saved-view${same ? ' is-active' : ''}`}>
          <a href=${hrefWith(v.query)} aria-current=${same ? 'true' : 'false'}>${v.title}</a>
          <button type="button" class="saved-view-delete" aria-label=${t('list.deleteView', { title: v.title })}
            @click=${async () => {
              if (!window.confirm(t('list.deleteViewConfirm', { title: v.title }))) return;
              await api.deleteView(v.id).catch(() => null);
              await loadViews();
            }}>×</button>
        </span>`;
      })}
      ${
        saving
          ? html`<form class="save-view" @submit=${async (/** @type {Event} */ ev) => {
              ev.preventDefault();
              const input = /** @type {HTMLInputElement} */ (container.querySelector(`#${id}-view-title`));
              try {
                await api.saveView({ list: o.list, title: input.value.trim(), query: params });
                saving = false;
                saveError = '';
                await loadViews();
              } catch (err) {
                saveError = err instanceof ApiError && err.localized ? err.localized[getLocale()] : String(err);
                if (err instanceof ApiError && err.issues[0]?.message) saveError = err.issues[0].message[getLocale()];
                draw();
              }
            }}>
              <label for=${`${id}-view-title`}>${t('list.viewTitle')}</label>
              <input id=${`${id}-view-title`} maxlength="60" required />
              <button type="submit" class="btn btn--small btn--primary">${t('list.saveViewConfirm')}</button>
              <button type="button" class="btn btn--small" @click=${() => {
                saving = false;
                saveError = '';
                draw();
              }}>${t('list.cancel')}</button>
              ${saveError ? html`<span class="form-error" role="alert">${saveError}</span>` : nothing}
            </form>`
          : html`<button type="button" class="btn btn--small save-view-open" @click=${() => {
              saving = true;
              draw();
              /** @type {HTMLInputElement | null} */ (container.querySelector(`#${id}-view-title`))?.focus();
            }}>${t('list.saveView')}</button>`
      }
    </div>`;
  };

  const pager = () => {
    if (!res) return nothing;
    const params = own();
    const link = (/** @type {number} */ page, /** @type {string} */ text, /** @type {string} */ rel) =>
      page >= 1 && page <= res.pages && page !== res.page
        ? html`<a class="btn btn--small" rel=${rel} href=${hrefWith({ ...params, page: page > 1 ? String(page) : undefined })}>${text}</a>`
        : html`<span class="btn btn--small is-disabled" aria-disabled="true">${text}</span>`;
    return html`<nav class="pager" aria-label=${t('paging.label')}>
      ${link(res.page - 1, t('paging.prev'), 'prev')}
      <span class="pager-info">${t('list.pageInfo', { page: res.page, pages: res.pages, total: res.total })}</span>
      ${link(res.page + 1, t('paging.next'), 'next')}
    </nav>`;
  };

  // The rows are built once per answer (a page's own DOM, e.g. a bulk bar's checkboxes, survives a redraw of the
  // bar or the saved views); with `selectable` they follow the selection.
  /** @type {unknown} */
  let rowsCache = null;
  /** @type {any} */
  let rowsRes = null;
  const rowsOf = () => {
    if (rowsRes !== res || select) {
      rowsRes = res;
      rowsCache = o.rows(res, select);
    }
    return rowsCache;
  };

  const draw = () => {
    render(
      html`<div class="list-view" id=${id} data-list=${o.list}>
        ${bar()} ${chipBar()} ${savedViews()}
        <div class="list-body" aria-live="polite">
          ${
            problem
              ? errorBox(problem, () => load())
              : !res
                ? loading()
                : res.items.length ||
                    ['readyForAgenda', 'awaitingOutcome', 'awaitingPublication', 'overdue'].some(
                      (k) => Array.isArray(res[k]) && res[k].length,
                    )
                  ? rowsOf()
                  : html`<p class="empty">${o.empty ?? t('list.none')}</p>`
          }
        </div>
        ${pager()}
      </div>`,
      container,
    );
  };

  async function loadViews() {
    try {
      views = (await api.views(o.list)).items;
    } catch {
      views = [];
    }
    if (!o.stale?.()) draw();
  }

  async function load() {
    problem = null;
    res = null;
    draw();
    try {
      desc = await describeList(o.list);
      /** @type {Record<string, string>} */
      const params = { ...(o.defaults ?? {}), ...own(), ...(o.fixed ?? {}) };
      const { page, ...filters } = params;
      const key = JSON.stringify(Object.entries(filters).sort());
      const seen = countsSeen.get(id);
      const pageTurn = seen !== undefined && seen.key === key && seen.page !== page && Date.now() - seen.at < 60_000;
      const answer = await o.load(pageTurn ? { ...params, counts: 'false' } : params);
      if (o.stale?.()) return;
      if (pageTurn && seen && answer.counts && Object.keys(answer.counts).length === 0) answer.counts = seen.counts;
      else countsSeen.set(id, { key, page, at: Date.now(), counts: answer.counts ?? {} });
      res = answer;
      o.onLoad?.(res);
    } catch (err) {
      if (o.stale?.()) return;
      problem = err;
    }
    draw();
  }

  draw();
  load();
  loadViews();
  return { reload: load, selected: () => [...selected] };
}
