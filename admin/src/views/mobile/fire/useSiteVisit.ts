import { onMounted, ref, watch } from 'vue';
import { apolloClient } from '@/api/client';
import { errorMessage } from '@/api/errors';
import { useGeolocation } from '@/composables/useGeolocation';
import { type FireSiteVisit, OPEN_FIRE_SITE_VISIT } from '@/graphql/fire-onsite';
import { loadVisit, saveVisit, type StoredVisit } from '@/offline/fire-queue';
import { useAuthStore } from '@/stores/auth';

/** The server accepts photos up to 12 h after a visit opened; renew a little before that. */
const VISIT_REUSE_MS = 11 * 3_600_000;

/**
 * The on-site visit of this phone for one inspection (1.3.5). Nothing is recorded by opening the
 * page (an inspection read in the office is only read): the position is asked for and the visit
 * opened on the server when the inspector says they are on site (`begin`, 「到达现场，开始检查」),
 * with the first fix after that (recorded with its accuracy; the server says when the phone is far
 * from the site). The visit and its capture key are kept in IndexedDB (per inspector) for the day:
 * back on the page, or with the connection gone later on, the same visit goes on and the position
 * is followed again for the photos' stamps.
 */
export function useSiteVisit(inspectionId: () => string) {
  const { fix, error: positionError, start } = useGeolocation();
  const userId = useAuthStore().me!.id;
  const visit = ref<StoredVisit | null>(null);
  /** IndexedDB has been asked for today's visit (until then “no visit” is not known yet). */
  const visitKnown = ref(false);
  /** The inspector asked to open a visit and the page waits for a position to open it with. */
  const waitingForFix = ref(false);
  const opening = ref(false);
  const visitError = ref<string | null>(null);

  async function open(): Promise<void> {
    if (!fix.value || opening.value) return;
    opening.value = true;
    visitError.value = null;
    try {
      const { data } = await apolloClient.mutate<{
        openFireSiteVisit: { captureKey: string; visit: FireSiteVisit };
      }>({
        mutation: OPEN_FIRE_SITE_VISIT,
        variables: {
          inspectionId: inspectionId(),
          position: { latitude: fix.value.latitude, longitude: fix.value.longitude, accuracy: fix.value.accuracy },
        },
        fetchPolicy: 'no-cache',
      });
      const opened = data!.openFireSiteVisit;
      const fresh: StoredVisit = {
        userId,
        inspectionId: inspectionId(),
        visitId: opened.visit.id,
        captureKey: opened.captureKey,
        openedAt: opened.visit.openedAt,
        warning: opened.visit.warning,
        distanceMeters: opened.visit.distanceMeters,
        accuracy: opened.visit.accuracy,
      };
      // IndexedDB stores plain objects only (a Vue proxy cannot be cloned): save before it becomes reactive.
      await saveVisit(fresh);
      visit.value = fresh;
    } catch (e) {
      visitError.value = visit.value
        ? `未能重新开启现场检查（${errorMessage(e)}），继续使用上次的现场检查`
        : `未能开启现场检查：${errorMessage(e)}`;
    } finally {
      opening.value = false;
    }
  }

  /** 「到达现场，开始检查」 (or again at the current position): locate, then open a visit with that fix. */
  function begin(): void {
    start();
    if (fix.value) void open();
    else waitingForFix.value = true;
  }

  watch(fix, (f) => {
    if (f && waitingForFix.value) {
      waitingForFix.value = false;
      void open();
    }
  });

  onMounted(async () => {
    const stored = await loadVisit(userId, inspectionId());
    if (stored && Date.now() - Date.parse(stored.openedAt) < VISIT_REUSE_MS) {
      visit.value = stored;
      start();
    }
    visitKnown.value = true;
  });

  return { fix, positionError, visit, visitKnown, visitError, opening, waitingForFix, begin };
}
