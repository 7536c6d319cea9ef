import { useSyncExternalStore } from "react";

/**
 * Where the session's token is kept: `localStorage`, so a session survives a reload and is
 * shared by this app's tabs, as people expect of "signed in". The token travels in a header, not
 * a cookie, so other sites cannot make the browser send it (no CSRF); any script running on this
 * origin can read it, which is why the app loads no third-party script. Signing out removes it
 * here and in every open tab.
 */
const KEY = "otas.token";

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

// Another tab signed in or out.
window.addEventListener("storage", (event) => {
  if (event.key === KEY || event.key === null) notify();
});

export const tokenStore = {
  get(): string | undefined {
    return localStorage.getItem(KEY) ?? undefined;
  },
  set(token: string) {
    localStorage.setItem(KEY, token);
    notify();
  },
  clear() {
    localStorage.removeItem(KEY);
    notify();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The current token (re-renders when it changes, in this tab or another). */
export function useToken(): string | undefined {
  return useSyncExternalStore(tokenStore.subscribe, tokenStore.get);
}
