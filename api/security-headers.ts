import helmet from 'helmet';

/**
 * Security headers on every response (helmet): a CSP allowing only the platform's own scripts (no inline script,
 * no inline event handler), nosniff, frame-ancestors 'none' with X-Frame-Options DENY, no referrer. No
 * upgrade-insecure-requests: intranet installations may serve plain HTTP on an address.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});
