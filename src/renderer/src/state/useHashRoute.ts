// Hash routing: #/<page>/<id>. No server routes needed.
import { useEffect, useState } from 'react';

export interface Route {
  page: string;
  id?: string;
}

export function parseHash(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { page: page || 'activity', ...(id ? { id } : {}) };
}

export function href(page: string, id?: string): string {
  return `#/${page}${id ? `/${encodeURIComponent(id)}` : ''}`;
}

export function navigate(page: string, id?: string): void {
  window.location.hash = href(page, id);
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
