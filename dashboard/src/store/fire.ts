import { computed, effectScope, reactive, watch } from 'vue';
import { gql } from '../api/client';
import { FIRE_ANALYTICS, FIRE_INSPECTION_SEALED } from '../api/documents';
import { GraphQLRequestError } from '../api/graphql';
import { CITY_CODE } from '../domain/labels';
import { onReconnect, subscribeForever } from '../live/connection';
import { dashboard } from './dashboard';

/**
 * 消防验收抽查 analytics (需求 4.2) for the panel group: one `fireAnalytics` answer per scope (the city,
 * or the district focused on the map), kept until something makes it stale. Live: a
 * `fireInspectionSealed` event (on the page's one graphql-ws connection) marks the city and the
 * inspection's district stale; after a short quiet period the scope on screen is fetched again,
 * once, whatever the number of events in the burst. A stale scope that is not on screen is dropped
 * and fetched when it is focused. No polling: the only timer is the China-time midnight, when
 * 近3/6/12月 and the monthly trend move on by themselves.
 */

export interface FireTotals {
  inspections: number;
  sealed: number;
  passed: number;
  failed: number;
  passRate: number | null;
}

export interface FireRate {
  code: string;
  name: string;
  checked: number;
  passed: number;
  failed: number;
  passRate: number | null;
  failRate: number | null;
  inspections: number;
  failedInspections: number;
}

export interface FirePeriodCount {
  months: number;
  from: string;
  to: string;
  total: number;
  sealed: number;
  failed: number;
}

export interface FireMonthCount {
  month: string;
  total: number;
  sealed: number;
  failed: number;
}

export interface FireBreakdownRow {
  key: string;
  label: string;
  inspections: number;
  sealed: number;
  passed: number;
  failed: number;
  passRate: number | null;
  failedInspections: number;
}

export interface FireAnalytics {
  asOfDate: string;
  totals: FireTotals;
  itemRates: FireRate[];
  recentCounts: FirePeriodCount[];
  monthlyTrend: FireMonthCount[];
  breakdown: FireBreakdownRow[];
}

export interface SealedNotice {
  inspectionId: string;
  projectName: string;
  districtCode: string;
  failed: number;
  at: string;
}

/** Events within this window are answered by one refetch. */
const DEBOUNCE_MS = 600;

export const fire = reactive({
  /** Answers by scope: CITY_CODE or a district code. */
  byScope: {} as Record<string, FireAnalytics>,
  loading: false,
  error: '',
  /** The account may not see fire analytics: the panels say so instead of retrying. */
  forbidden: false,
  /** The latest sealed inspection (any scope), for the panel's live line. */
  lastSealed: null as SealedNotice | null,
});

export const fireScope = computed(() => dashboard.selectedDistrict ?? CITY_CODE);
export const fireData = computed<FireAnalytics | null>(() => fire.byScope[fireScope.value] ?? null);

/** The newest request per scope: an older answer that arrives late is thrown away. */
const latestRequest = new Map<string, number>();
let requestSeq = 0;
const retryTimers = new Map<string, ReturnType<typeof setTimeout>>();

async function load(scope: string, attempt = 0): Promise<void> {
  clearTimeout(retryTimers.get(scope));
  const seq = ++requestSeq;
  latestRequest.set(scope, seq);
  fire.loading = true;
  try {
    const city = scope === CITY_CODE;
    const { fireAnalytics } = await gql<{ fireAnalytics: FireAnalytics }>(FIRE_ANALYTICS, {
      filter: city ? null : { districtCode: scope },
      by: city ? 'DISTRICT' : 'CATEGORY',
    });
    if (latestRequest.get(scope) !== seq) return;
    fire.byScope[scope] = fireAnalytics;
    fire.error = '';
    fire.forbidden = false;
  } catch (error) {
    if (latestRequest.get(scope) !== seq) return;
    if (error instanceof GraphQLRequestError && error.code === 'FORBIDDEN') {
      fire.forbidden = true;
      return;
    }
    fire.error = (error as Error).message || '消防抽查数据加载失败';
    // Try again with back-off while the scope is still on screen.
    const delay = Math.min(30_000, 1000 * 2 ** attempt);
    retryTimers.set(
      scope,
      setTimeout(() => {
        if (fireScope.value === scope) void load(scope, attempt + 1);
      }, delay),
    );
  } finally {
    if (latestRequest.get(scope) === seq) fire.loading = false;
  }
}

/**
 * After a reconnect or at midnight: the scope on screen is fetched again (its old figures stay up
 * until the new ones arrive), the others are dropped and fetched when focused.
 */
function reloadAll() {
  const current = fireScope.value;
  for (const scope of Object.keys(fire.byScope)) if (scope !== current) delete fire.byScope[scope];
  void load(current);
}

const staleScopes = new Set<string>();
let debounce: ReturnType<typeof setTimeout> | undefined;

function flushStale() {
  const scopes = [...staleScopes];
  staleScopes.clear();
  for (const scope of scopes) {
    if (scope === fireScope.value) void load(scope);
    else delete fire.byScope[scope];
  }
}

/** One sealed inspection: the city and its district are stale. */
export function onInspectionSealed(notice: SealedNotice) {
  fire.lastSealed = notice;
  staleScopes.add(CITY_CODE);
  staleScopes.add(notice.districtCode);
  clearTimeout(debounce);
  debounce = setTimeout(flushStale, DEBOUNCE_MS);
}

/** Milliseconds until the next midnight in China (UTC+8, no daylight saving). */
function untilChinaMidnight(now = Date.now()): number {
  const day = 86_400_000;
  const shifted = now + 8 * 3_600_000;
  return day - (shifted % day) + 1000;
}

function scheduleMidnight() {
  setTimeout(() => {
    reloadAll();
    scheduleMidnight();
  }, untilChinaMidnight());
}

let started = false;

export function startFireData() {
  if (started) return;
  started = true;
  subscribeForever<{
    fireInspectionSealed: {
      failed: number;
      at: string;
      inspection: { id: string; projectName: string; districtCode: string };
    };
  }>(
    FIRE_INSPECTION_SEALED,
    {},
    ({ fireInspectionSealed: e }) =>
      onInspectionSealed({
        inspectionId: e.inspection.id,
        projectName: e.inspection.projectName,
        districtCode: e.inspection.districtCode,
        failed: e.failed,
        at: e.at,
      }),
    // The fire source was down (or the subscription restarted): events may have been missed.
    { onMissed: reloadAll },
  );
  // Focusing a district shows its answer at once when known, otherwise fetches it. A detached
  // scope: the watcher outlives the view that started it (the view is remounted after a re-login).
  effectScope(true).run(() =>
    watch(
      fireScope,
      (scope) => {
        if (!fire.byScope[scope] && !fire.forbidden) void load(scope);
      },
      { immediate: true },
    ),
  );
  // Events may have been missed while the socket was down.
  onReconnect(reloadAll);
  scheduleMidnight();
}

/** 0.934 → "93.4%"; no data → "—". */
export function percent(rate: number | null | undefined, digits = 1): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}
