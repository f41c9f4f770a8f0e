// Shared document shell, CSS and form pieces for the server-rendered login pages (/ui/login/…).
// No external resources and no JavaScript: everything the page needs is inline.
import { escapeHtml } from './escape-html.js';

// No form-action: browsers apply it to the redirect that follows a post, which lands on the
// relying party's origin.
export const LOGIN_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'";

const CSS = `
:root{color-scheme:light dark;--bg:#f3f4f6;--card:#fff;--text:#111827;--muted:#4b5563;--line:#d1d5db;
--accent:#2563eb;--accent-text:#fff;--accent-hover:#1d4ed8;--danger:#b91c1c;--focus:#f59e0b;--row:#f9fafb}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--card:#1a1d23;--text:#e5e7eb;--muted:#9ca3af;
--line:#374151;--accent:#60a5fa;--accent-text:#0b1220;--accent-hover:#93c5fd;--danger:#f87171;--row:#22262e}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;
gap:16px;padding:24px;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{width:100%;max-width:400px;background:var(--card);border:1px solid var(--line);border-radius:12px;
padding:32px;box-shadow:0 1px 3px rgb(0 0 0/.08)}
.org{margin:0 0 4px;font-weight:600;color:var(--muted);text-align:center;letter-spacing:.02em}
h1{margin:0 0 8px;font-size:24px;text-align:center}
h2{margin:24px 0 8px;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
p{margin:0 0 16px}.muted{color:var(--muted)}.center{text-align:center}
label{display:block;margin:16px 0 4px;font-weight:600}
input:not([type=hidden]){width:100%;padding:10px 12px;font:inherit;color:inherit;background:var(--card);
border:1px solid var(--line);border-radius:8px}
input[aria-invalid=true]{border-color:var(--danger)}
.error{margin:6px 0 0;color:var(--danger);font-size:14px}
.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
button{font:inherit;cursor:pointer;border-radius:8px;padding:9px 20px;border:1px solid var(--line);
background:var(--card);color:var(--text)}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-text);font-weight:600}
button.primary:hover{background:var(--accent-hover)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
a{color:var(--accent)}
.accounts{list-style:none;margin:0;padding:0;display:grid;gap:6px}.accounts form{margin:0}
.account{width:100%;display:flex;align-items:center;gap:12px;padding:8px 12px;text-align:left;background:var(--row)}
.account:hover{border-color:var(--accent)}
.who{display:flex;align-items:center;gap:12px;padding:8px 0;margin-bottom:8px}
.ident{min-width:0}.ident>span{display:block}.who a{margin-left:auto;white-space:nowrap}.ident .sub{font-size:13px;color:var(--muted);overflow-wrap:anywhere}
.avatar{flex:none;width:36px;height:36px;border-radius:50%;display:grid;place-items:center;font-weight:700;
font-size:14px;background:var(--accent);color:var(--accent-text)}
ul.scopes{margin:0 0 16px;padding-left:20px}
footer{font-size:12px;color:var(--muted)}
`;

export function renderLayout({ title, body }: { title: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
<footer>IdP Emulator</footer>
</body>
</html>
`;
}

export function renderHiddenInputs(hidden: Record<string, string>): string {
  return Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}

export interface TextFieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'password';
  value?: string;
  error?: string;
  /** Extra attributes, already escaped by the caller (constants only). */
  attributes: string;
}

/** A labelled input with its error under it, announced (role="alert") and tied by aria-describedby. */
export function renderTextField(field: TextFieldOptions): string {
  const id = escapeHtml(field.name);
  const errorId = `${id}-error`;
  const value = field.value === undefined ? '' : ` value="${escapeHtml(field.value)}"`;
  const invalid = field.error ? ` aria-invalid="true" aria-describedby="${errorId}"` : '';
  const error = field.error ? `\n<p class="error" id="${errorId}" role="alert">${escapeHtml(field.error)}</p>` : '';
  return `<label for="${id}">${escapeHtml(field.label)}</label>
<input id="${id}" name="${id}" type="${field.type ?? 'text'}"${value} ${field.attributes}${invalid}>${error}`;
}

/** Up to two initials from the display name, falling back to the login name's local part. */
export function computeInitials(displayName: string, loginName: string): string {
  const source = displayName.trim() || (loginName.split('@')[0] ?? '');
  const words = source.split(/[\s._-]+/).filter((word) => word.length > 0);
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const pick = (word: string): string => Array.from(word)[0] ?? '';
  return (pick(first) + (last === undefined ? '' : pick(last))).toLocaleUpperCase('en');
}

/** Avatar initials, the display name and, under it, the login name (once if there is no display name). */
export function renderIdentity(displayName: string, loginName: string): string {
  const initials = escapeHtml(computeInitials(displayName, loginName));
  const sub = displayName ? `<span class="sub">${escapeHtml(loginName)}</span>` : '';
  return `<span class="avatar" aria-hidden="true">${initials}</span>
<span class="ident"><span>${escapeHtml(displayName || loginName)}</span>${sub}</span>`;
}

/** Links only to relative or http(s)/custom-scheme URLs; script-capable schemes become "#". */
export function toSafeHref(href: string): string {
  // Browsers drop ASCII whitespace and control characters inside the scheme ("java\tscript:").
  const scheme = href.replace(/[\u0000-\u0020]/g, '');
  return /^(javascript|vbscript|data):/i.test(scheme) ? '#' : href;
}
