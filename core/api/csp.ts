/**
 * The one Content-Security-Policy of the renderer, served by Electron's custom
 * protocol and by `berkas ui` alike. No inline or eval'd script: the renderer
 * is built by Vite into files, so 'self' is all it needs.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style attributes; styles cannot run code, so inline styles stay allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
