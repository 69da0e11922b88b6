// @ts-check
// Swagger UI for /api/openapi.json, from the locally served swagger-ui-dist (no CDN).
// If the web app is signed in on this browser, its bearer token is pre-filled for "Try it out".
(() => {
  /** @type {any} */
  const w = window;
  const ui = w.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [w.SwaggerUIBundle.presets.apis, w.SwaggerUIStandalonePreset],
    plugins: [w.SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'BaseLayout',
    // No calls to validator.swagger.io: the intranet is offline.
    validatorUrl: null,
    persistAuthorization: true,
    tryItOutEnabled: false,
    onComplete: () => {
      try {
        const session = JSON.parse(localStorage.getItem('yifa.session') || 'null');
        if (session?.token && (!session.expiresAt || Date.parse(session.expiresAt) > Date.now())) {
          ui.preauthorizeApiKey('bearer', session.token);
        }
      } catch {
        /* no session to reuse */
      }
    },
  });
  w.ui = ui;
})();
