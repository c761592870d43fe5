/** "The login is over" (refresh refused, idle timeout, forced logout, another tab logged out). */
export interface SessionEnded {
  reason: 'expired' | 'idle' | 'logout' | 'other-tab';
  message: string;
}

type Listener = (event: SessionEnded) => void;
const listeners = new Set<Listener>();

export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitSessionEnded(event: SessionEnded): void {
  for (const listener of listeners) listener(event);
}
