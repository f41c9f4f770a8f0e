// The one HTML escaper for the login pages: every interpolated value, in text and in
// quoted attributes, goes through escapeHtml (OWASP XSS rule #1/#2 characters).
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
