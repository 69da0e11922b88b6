// @ts-check
// lit-html, served by the app from node_modules (no CDN, no build step): templates whose values are escaped, and
// render() that updates a container in place. Pages that re-render use it rather than rebuilding with web/dom.js;
// a DOM node (a schemaForm's el) may stand as a value in a template.

export { html, nothing, render } from '/vendor/lit-html/lit-html.js';
