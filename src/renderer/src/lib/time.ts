// Times as the console shows them: local clock times, relative forms and countdowns.
export const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at']);

export function clockTime(ms: number): string {
  const d = new Date(ms);
  return d.toLocaleTimeString(undefined, { hour12: false });
}

export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleDateString(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' })} ${d.toLocaleTimeString(undefined, { hour12: false })}`;
}

/** 3725 → "1:02:05"; days are written out. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(Math.abs(seconds)));
  const days = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  return days > 0 ? `${days}d ${hms}` : hms;
}

export function relative(ms: number, now = Date.now()): string {
  const diff = Math.round((now - ms) / 1000);
  if (Math.abs(diff) < 5) return 'just now';
  const future = diff < 0;
  const a = Math.abs(diff);
  const text = a < 60 ? `${a}s` : a < 3600 ? `${Math.floor(a / 60)}m` : a < 86400 ? `${Math.floor(a / 3600)}h` : `${Math.floor(a / 86400)}d`;
  return future ? `in ${text}` : `${text} ago`;
}

export function humanSeconds(seconds: number): string {
  if (seconds % 86400 === 0 && seconds >= 86400) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0 && seconds >= 3600) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** A key's or token's expiration date; 9999-… means it never expires. */
export function expiryText(iso: string): string {
  return iso.startsWith('9999') ? 'never' : new Date(iso).toLocaleString();
}
