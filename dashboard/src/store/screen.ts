import { reactive } from 'vue';

/**
 * Which screen the wall shows: 综合 (projects + fire) or 实名制考勤. Both share the page's session,
 * its one graphql-ws connection and the map. From the address bar:
 *   ?screen=attendance   start on 实名制考勤
 *   ?rotate=60           switch screens by themselves every 60 s (at least 15 s); a manual switch
 *                        starts the count again, so someone at the wall is not cut short.
 */

export const SCREENS = [
  { id: 'overview', label: '综合' },
  { id: 'attendance', label: '实名制考勤' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

const MIN_ROTATE_S = 15;

function fromUrl(): { initial: ScreenId; rotateS: number | null } {
  const params = new URLSearchParams(window.location.search);
  const wanted = params.get('screen');
  const initial = SCREENS.some((s) => s.id === wanted) ? (wanted as ScreenId) : 'overview';
  const rotate = Number(params.get('rotate'));
  return { initial, rotateS: Number.isFinite(rotate) && rotate > 0 ? Math.max(MIN_ROTATE_S, rotate) : null };
}

const url = fromUrl();

export const screen = reactive({
  current: url.initial as ScreenId,
  /** Seconds between automatic switches, or null when the wall stays on one screen. */
  rotateS: url.rotateS,
  /** When the next automatic switch happens (ms since epoch), for the title bar's countdown. */
  nextSwitchAt: null as number | null,
});

let timer: ReturnType<typeof setTimeout> | undefined;

function schedule() {
  clearTimeout(timer);
  if (!screen.rotateS) return;
  screen.nextSwitchAt = Date.now() + screen.rotateS * 1000;
  timer = setTimeout(() => {
    const i = SCREENS.findIndex((s) => s.id === screen.current);
    screen.current = SCREENS[(i + 1) % SCREENS.length].id;
    schedule();
  }, screen.rotateS * 1000);
}

export function showScreen(id: ScreenId) {
  screen.current = id;
  // Keep the address bar in step, so a reload (or a copied link) opens the same screen.
  const u = new URL(window.location.href);
  if (id === 'overview') u.searchParams.delete('screen');
  else u.searchParams.set('screen', id);
  window.history.replaceState(null, '', u.pathname + u.search + u.hash);
  schedule();
}

export function startRotation() {
  schedule();
}
