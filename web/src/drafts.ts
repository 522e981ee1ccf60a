// Unsaved form content kept on this device, so neither a lost connection nor an expired session
// loses what was typed. Keyed by user, so another person signing in here does not see it.

const PREFIX = 'srm.draft.';

export function loadDraft<T>(user: string, key: string): T | null {
  try {
    const s = localStorage.getItem(PREFIX + user + '.' + key);
    return s ? (JSON.parse(s) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(user: string, key: string, value: unknown) {
  try {
    localStorage.setItem(PREFIX + user + '.' + key, JSON.stringify(value));
  } catch {
    /* storage full or unavailable: the form still works, it just is not kept */
  }
}

export function clearDraft(user: string, key: string) {
  try {
    localStorage.removeItem(PREFIX + user + '.' + key);
  } catch {
    /* ignore */
  }
}

/** Every draft kept on this device, of every user: called at sign-out, so a shared computer keeps
 * nothing of what was typed. (A session that merely expired keeps them, to restore after signing in.) */
export function clearAllDrafts() {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(PREFIX)) keys.push(k);
    }
    keys.forEach((k) => localStorage.removeItem(k));
  } catch {
    /* ignore */
  }
}
