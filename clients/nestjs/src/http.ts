import { outgoingHeaders } from './context.js';

/**
 * `fetch` that carries the current request's correlation ID and a child `traceparent` downstream. Headers the
 * caller set win.
 *
 *   const res = await vigilFetch('http://inventory/reserve', { method: 'POST', body });
 */
export const vigilFetch: typeof fetch = (input, init) => {
  const extra = outgoingHeaders();
  const names = Object.keys(extra);
  if (names.length === 0) return fetch(input, init);
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  for (const name of names) if (!headers.has(name)) headers.set(name, extra[name]);
  return fetch(input, { ...init, headers });
};

/**
 * The same for axios (and so Nest's HttpModule): `httpService.axiosRef.interceptors.request.use(vigilAxios)`.
 * Typed structurally, so the library does not depend on axios.
 */
export function vigilAxios<C extends { headers?: unknown }>(config: C): C {
  const extra = outgoingHeaders();
  const headers = config.headers as
    | { set?: (name: string, value: string) => void; has?: (name: string) => boolean; [k: string]: unknown }
    | undefined;
  for (const [name, value] of Object.entries(extra)) {
    if (headers && typeof headers.set === 'function') {
      if (!headers.has?.(name)) headers.set(name, value);
    } else if (headers) {
      if (headers[name] === undefined) headers[name] = value;
    } else {
      (config as { headers?: Record<string, string> }).headers = { ...extra };
      break;
    }
  }
  return config;
}
