// @ts-check
// The router: a table of routes, each a path pattern ('/decisions/:id') with the page that renders it.

/**
 * What a page is given: where to render, the route's parameters and query, the navigation's number (an answer
 * arriving after the next navigation is dropped: `stale(seq)`) and whether to move focus to the page's heading.
 * @typedef {{ main: HTMLElement, params: Record<string, string>, query: URLSearchParams, seq: number, focus: boolean }} PageContext
 */

/**
 * A route: its path pattern, its page and, for a page of the work navigation, the nav entry (label key, the roles
 * that see it, other hashes under which it is the current page, and what waits there for the person: a count shown
 * beside the label, e.g. 目录清单 (2)).
 * @typedef {{ label: string, roles?: string[], also?: (hash: string) => boolean, count?: () => Promise<number> }} NavEntry
 * @typedef {{ path: string, page: (ctx: PageContext) => unknown, nav?: NavEntry }} Route
 */

/** @type {Map<string, RegExp>} */
const compiled = new Map();

/** '/decisions/:id' → /^\/decisions\/(?<id>[^/]+)$/ */
function pattern(path) {
  let re = compiled.get(path);
  if (!re) {
    const source = path
      .split('/')
      .map((part) =>
        part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('\\/');
    re = new RegExp(`^${source}$`);
    compiled.set(path, re);
  }
  return re;
}

/**
 * The route a location hash names ('#/decisions/abc?x=1'), with its decoded parameters and query; null when none does.
 * @param {Route[]} routes
 * @param {string} hash
 * @returns {{ route: Route, params: Record<string, string>, query: URLSearchParams } | null}
 */
export function matchRoute(routes, hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, qs = ''] = raw.split('?');
  for (const route of routes) {
    const m = pattern(route.path).exec(path || '/');
    if (!m) continue;
    /** @type {Record<string, string>} */
    const params = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) {
      try {
        params[k] = decodeURIComponent(v);
      } catch {
        return null;
      }
    }
    return { route, params, query: new URLSearchParams(qs) };
  }
  return null;
}
