import { onBeforeUnmount, onMounted, ref } from 'vue';
import { emitSessionEnded } from '@/auth/events';
import { refreshSession, tokens } from '@/auth/tokens';

/** 等级保护: log out after 30 minutes without activity, warning 2 minutes before. */
export const IDLE_LIMIT_MS = 30 * 60_000;
export const IDLE_WARNING_MS = 2 * 60_000;
const LAST_ACTIVITY = 'hs.admin.lastActivity';
const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** Activity in any tab counts (shared through localStorage). */
export function markActivity(now = Date.now()): void {
  localStorage.setItem(LAST_ACTIVITY, String(now));
}

function lastActivity(): number {
  return Number(localStorage.getItem(LAST_ACTIVITY) ?? Date.now());
}

/**
 * Watches activity while someone is signed in. `secondsLeft` is non-null during the warning.
 * While the person is active the access token is refreshed before it runs out, so the server
 * session (refused after 30 idle minutes) stays alive as long as the person works.
 */
export function useIdleTimeout() {
  const secondsLeft = ref<number | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastWrite = 0;

  const onActivity = () => {
    const now = Date.now();
    if (now - lastWrite < 2_000) return;
    lastWrite = now;
    markActivity(now);
  };

  const tick = () => {
    if (!tokens.has()) {
      secondsLeft.value = null;
      return;
    }
    const idle = Date.now() - lastActivity();
    if (idle >= IDLE_LIMIT_MS) {
      secondsLeft.value = null;
      emitSessionEnded({ reason: 'idle', message: '您已超过 30 分钟未操作，为保障账号安全已自动退出，请重新登录' });
      return;
    }
    secondsLeft.value = idle >= IDLE_LIMIT_MS - IDLE_WARNING_MS ? Math.ceil((IDLE_LIMIT_MS - idle) / 1000) : null;
    // Active within the last 2 minutes and the access token runs out within 2 minutes: refresh now.
    if (idle < 120_000 && tokens.expiresAt() - Date.now() < 120_000) void refreshSession(tokens.access());
  };

  function stayActive(): void {
    markActivity();
    secondsLeft.value = null;
  }

  onMounted(() => {
    markActivity();
    EVENTS.forEach((e) => window.addEventListener(e, onActivity, { passive: true, capture: true }));
    timer = setInterval(tick, 1_000);
  });
  onBeforeUnmount(() => {
    EVENTS.forEach((e) => window.removeEventListener(e, onActivity, { capture: true }));
    if (timer) clearInterval(timer);
  });

  return { secondsLeft, stayActive };
}
