// The console's Content-Security-Policy, sent by the server on every console response (issue 12
// item 12) and added again by the desktop window to everything from the console origin.

/** What the console needs: its own scripts and API, inline styles, data: images. Nothing else. */
export const CONSOLE_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
