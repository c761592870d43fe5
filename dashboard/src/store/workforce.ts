import { computed, effectScope, reactive, shallowReactive, watch } from 'vue';
import { gql } from '../api/client';
import { ATTENDANCE_CHANGED, WORKFORCE_PERSONNEL, WORKFORCE_PROJECTS, WORKFORCE_TODAY } from '../api/documents';
import { GraphQLRequestError } from '../api/graphql';
import { CITY_CODE } from '../domain/labels';
import { onReconnect, subscribeForever } from '../live/connection';
import { dashboard, districtList, projects } from './dashboard';

/**
 * 实名制考勤 (需求 4.3.1–4.3.6) for the attendance screen. Today's figures of every project in scope
 * are loaded once (pages of 100); district totals and both rankings are computed from them, so a
 * district focus needs no query. Every `attendanceChanged` event is added to the projects it names
 * (no query per event). The whole day is fetched again only after a reconnect (events may have been
 * missed), at midnight China time (a new day starts from zero), or when an event is for a newer day.
 * Personnel statistics (who is registered, not who checked in) do not move with check-ins: one answer
 * per scope (the city or a district), fetched when first shown, dropped at midnight and after a reconnect.
 */

export interface ProjectDay {
  projectId: string;
  projectName: string;
  districtCode: string;
  registered: number;
  keyRegistered: number;
  attended: number;
  keyAttended: number;
  onSite: number;
  keyOnSite: number;
}

export interface DayTotals {
  registered: number;
  keyRegistered: number;
  attended: number;
  keyAttended: number;
  onSite: number;
  keyOnSite: number;
  attendanceRate: number | null;
  keyPostRate: number | null;
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface PersonnelStats {
  total: number;
  keyPost: number;
  byTrade: CountRow[];
  byPost: CountRow[];
  byDistrict: CountRow[];
  byAgeBand: CountRow[];
}

export interface AttendanceDelta {
  projectId: string;
  districtCode: string;
  onSiteDelta: number;
  keyPostDelta: number;
  attendedDelta: number;
  keyAttendedDelta: number;
  accepted: number;
  refused: number;
  /** 进场/退场登记 and post changes move today's register; 0 for check-ins. */
  registeredDelta: number;
  keyRegisteredDelta: number;
}

export interface AttendanceEvent {
  workDate: string;
  at: string;
  deltas: AttendanceDelta[];
}

export interface LiveLine {
  key: string;
  at: string;
  projectId: string;
  projectName: string;
  districtCode: string;
  accepted: number;
  refused: number;
  onSiteDelta: number;
  attendedDelta: number;
}

const PAGE_SIZE = 100;
const PARALLEL_PAGES = 4;
const MAX_LINES = 20;

export const workforce = reactive({
  /** The day the figures are for (Beijing time), from the graph. */
  date: '',
  loaded: false,
  loading: false,
  error: '',
  /** The account may not see workforce analytics: the panels say so instead of retrying. */
  forbidden: false,
  /** workforceToday's city totals at the last load: the sum of the projects must equal them. */
  graphTotal: null as Omit<DayTotals, 'attendanceRate' | 'keyPostRate'> | null,
  /** Events applied since the page opened (a test and the panel's live line read it). */
  eventsApplied: 0,
  lines: [] as LiveLine[],
  personnel: {} as Record<string, PersonnelStats>,
  personnelError: '',
});

/** Today's figures by project id. Shallow: a row is replaced, never mutated. */
export const projectDays = shallowReactive(new Map<string, ProjectDay>());

type DeltaListener = (row: ProjectDay, delta: AttendanceDelta) => void;
const deltaListeners = new Set<DeltaListener>();
const resetListeners = new Set<() => void>();

/** The map listens here to resize/recolour one point instead of redrawing all. */
export function onAttendanceDelta(listener: DeltaListener): () => void {
  deltaListeners.add(listener);
  return () => deltaListeners.delete(listener);
}
export function onAttendanceReset(listener: () => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

export const rate = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : null);

export function totalsOf(rows: Iterable<ProjectDay>): DayTotals {
  const t = { registered: 0, keyRegistered: 0, attended: 0, keyAttended: 0, onSite: 0, keyOnSite: 0 };
  for (const r of rows) {
    t.registered += r.registered;
    t.keyRegistered += r.keyRegistered;
    t.attended += r.attended;
    t.keyAttended += r.keyAttended;
    t.onSite += r.onSite;
    t.keyOnSite += r.keyOnSite;
  }
  return { ...t, attendanceRate: rate(t.attended, t.registered), keyPostRate: rate(t.keyAttended, t.keyRegistered) };
}

export const attendanceScope = computed(() => dashboard.selectedDistrict ?? CITY_CODE);

/** The projects of the scope on screen (the city or the focused district). */
export const scopeRows = computed(() => {
  const district = dashboard.selectedDistrict;
  const all = [...projectDays.values()];
  return district ? all.filter((r) => r.districtCode === district) : all;
});

export const scopeTotals = computed(() => totalsOf(scopeRows.value));

/** Every district (none left out) with its totals, in the districts' order. */
export const districtDays = computed(() => {
  const byCode = new Map<string, ProjectDay[]>();
  for (const r of projectDays.values()) byCode.set(r.districtCode, [...(byCode.get(r.districtCode) ?? []), r]);
  return districtList.value.map((d) => ({ code: d.code, name: d.name, ...totalsOf(byCode.get(d.code) ?? []) }));
});

/** Same order as the graph's workforceOnSiteRanking: on site desc, registered desc, project id. */
export function onSiteRanking(rows: ProjectDay[], limit: number): ProjectDay[] {
  return [...rows]
    .sort(
      (a, b) =>
        b.onSite - a.onSite ||
        b.registered - a.registered ||
        (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0),
    )
    .slice(0, limit);
}

/** Same order as workforceKeyPostRanking(order: ASC): key-post rate ascending (none last), key registered desc, id. */
export function keyPostRanking(rows: ProjectDay[], limit: number): ProjectDay[] {
  const keyRate = (r: ProjectDay) => (r.keyRegistered === 0 ? null : r.keyAttended / r.keyRegistered);
  return [...rows]
    .sort((a, b) => {
      const x = keyRate(a);
      const y = keyRate(b);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else if (x !== y) return x - y;
      return b.keyRegistered - a.keyRegistered || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0);
    })
    .slice(0, limit);
}

export const personnelData = computed<PersonnelStats | null>(() => workforce.personnel[attendanceScope.value] ?? null);

// ------------------------------------------------------------------------------- loading

/** Events that arrive while the day is being loaded: the answer may or may not include them. */
let pending: AttendanceEvent[] | null = null;

/**
 * Loads the day. `applyRaced`: events that arrived meanwhile are added to the answer afterwards
 * (otherwise they are only reported, and the caller loads again).
 */
async function loadDay(applyRaced: boolean) {
  workforce.loading = true;
  pending = [];
  let raced: AttendanceEvent[] = [];
  try {
    const { workforceToday } = await gql<{
      workforceToday: { date: string; total: NonNullable<typeof workforce.graphTotal> };
    }>(WORKFORCE_TODAY);
    type PageResult = { workforceProjectsToday: { total: number; items: ProjectDay[] } };
    const vars = (page: number) => ({ page, pageSize: PAGE_SIZE, date: workforceToday.date });
    const first = await gql<PageResult>(WORKFORCE_PROJECTS, vars(1));
    const all = [...first.workforceProjectsToday.items];
    const rest = Array.from(
      { length: Math.max(0, Math.ceil(first.workforceProjectsToday.total / PAGE_SIZE) - 1) },
      (_, i) => i + 2,
    );
    while (rest.length) {
      const batch = rest.splice(0, PARALLEL_PAGES);
      for (const r of await Promise.all(batch.map((p) => gql<PageResult>(WORKFORCE_PROJECTS, vars(p)))))
        all.push(...r.workforceProjectsToday.items);
    }
    projectDays.clear();
    for (const item of all) projectDays.set(item.projectId, Object.freeze({ ...item }));
    workforce.date = workforceToday.date;
    workforce.graphTotal = workforceToday.total;
    workforce.loaded = true;
    workforce.error = '';
    workforce.forbidden = false;
    raced = pending;
    for (const l of resetListeners) l();
  } finally {
    pending = null;
    workforce.loading = false;
  }
  if (applyRaced) for (const event of raced) applyAttendance(event);
  return raced.length > 0;
}

async function loadWithRetry(attempt = 0, settle = true): Promise<void> {
  try {
    // A check-in during the load may be counted in the answer or not: one more load settles it. The
    // events racing that one are added to it instead, so a busy morning cannot keep it looping.
    const raced = await loadDay(!settle);
    if (raced && settle) await loadWithRetry(0, false);
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === 'FORBIDDEN') {
      workforce.forbidden = true;
      return;
    }
    workforce.error = (error as Error).message || '考勤数据加载失败';
    await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** attempt)));
    return loadWithRetry(attempt + 1, settle);
  }
}

let personnelRetry: ReturnType<typeof setTimeout> | undefined;
const personnelRequests = new Map<string, Promise<void>>();

/** One personnel answer per scope; concurrent asks for the same scope share one request. */
export function loadPersonnel(scope: string, attempt = 0): Promise<void> {
  const running = personnelRequests.get(scope);
  if (running) return running;
  const request = (async () => {
    try {
      const { workforcePersonnelStats } = await gql<{ workforcePersonnelStats: PersonnelStats }>(WORKFORCE_PERSONNEL, {
        districtCode: scope === CITY_CODE ? null : scope,
      });
      workforce.personnel[scope] = workforcePersonnelStats;
      workforce.personnelError = '';
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.code === 'FORBIDDEN') {
        workforce.forbidden = true;
        return;
      }
      workforce.personnelError = (error as Error).message || '人员统计加载失败';
      clearTimeout(personnelRetry);
      personnelRetry = setTimeout(
        () => {
          if (attendanceScope.value === scope) void loadPersonnel(scope, attempt + 1);
        },
        Math.min(30_000, 1000 * 2 ** attempt),
      );
    } finally {
      personnelRequests.delete(scope);
    }
  })();
  personnelRequests.set(scope, request);
  return request;
}

const add = (row: ProjectDay, d: AttendanceDelta): ProjectDay =>
  Object.freeze({
    ...row,
    onSite: Math.max(0, row.onSite + d.onSiteDelta),
    keyOnSite: Math.max(0, row.keyOnSite + d.keyPostDelta),
    attended: row.attended + d.attendedDelta,
    keyAttended: row.keyAttended + d.keyAttendedDelta,
    registered: Math.max(0, row.registered + d.registeredDelta),
    keyRegistered: Math.max(0, row.keyRegistered + d.keyRegisteredDelta),
  });

/** Personnel statistics count the register: after it changes, answers are dropped and the one on screen refetched (once per burst). */
const PERSONNEL_REFRESH_MS = 2_000;
let personnelRefresh: ReturnType<typeof setTimeout> | undefined;
function registerChanged() {
  clearTimeout(personnelRefresh);
  personnelRefresh = setTimeout(() => {
    const current = attendanceScope.value;
    for (const scope of Object.keys(workforce.personnel)) if (scope !== current) delete workforce.personnel[scope];
    void loadPersonnel(current);
  }, PERSONNEL_REFRESH_MS);
}

/** One event: its deltas are added to the projects they name, nothing is fetched. */
export function applyAttendance(event: AttendanceEvent) {
  if (pending) {
    pending.push(event);
    return;
  }
  if (!workforce.loaded) return;
  if (event.workDate > workforce.date) {
    // The first check-in of a new day: today's figures start again from the graph.
    reloadEverything();
    return;
  }
  if (event.workDate < workforce.date) return;
  const lines: LiveLine[] = [];
  for (const d of event.deltas) {
    const known = projectDays.get(d.projectId);
    // A project created after the load starts from zero; its events bring its figures.
    const base: ProjectDay = known ?? {
      projectId: d.projectId,
      projectName: projects.get(d.projectId)?.name ?? '新项目',
      districtCode: d.districtCode,
      registered: 0,
      keyRegistered: 0,
      attended: 0,
      keyAttended: 0,
      onSite: 0,
      keyOnSite: 0,
    };
    const next = add(base, d);
    projectDays.set(next.projectId, next);
    for (const l of deltaListeners) l(next, d);
    if (d.registeredDelta || d.keyRegisteredDelta) registerChanged();
    // A change of the register is not a check-in: it moves the figures but adds no line.
    if (d.accepted + d.refused === 0) continue;
    lines.push({
      key: `${d.projectId}:${event.at}:${Math.random().toString(36).slice(2, 8)}`,
      at: event.at,
      projectId: d.projectId,
      projectName: next.projectName,
      districtCode: d.districtCode,
      accepted: d.accepted,
      refused: d.refused,
      onSiteDelta: d.onSiteDelta,
      attendedDelta: d.attendedDelta,
    });
  }
  workforce.eventsApplied += 1;
  workforce.lines = [...lines, ...workforce.lines].slice(0, MAX_LINES);
}

/** After a reconnect or at midnight: the day again, and personnel answers dropped (the one on screen refetched). */
function reloadEverything() {
  if (!workforce.loading) void loadWithRetry();
  const current = attendanceScope.value;
  for (const scope of Object.keys(workforce.personnel)) if (scope !== current) delete workforce.personnel[scope];
  void loadPersonnel(current);
}

function untilChinaMidnight(now = Date.now()): number {
  const day = 86_400_000;
  return day - ((now + 8 * 3_600_000) % day) + 1000;
}

function scheduleMidnight() {
  setTimeout(() => {
    workforce.lines = [];
    reloadEverything();
    scheduleMidnight();
  }, untilChinaMidnight());
}

let started = false;

/** Started the first time the attendance screen is shown; then it stays live for the page's life. */
export function startWorkforceData() {
  if (started) return;
  started = true;
  subscribeForever<{ attendanceChanged: AttendanceEvent }>(
    ATTENDANCE_CHANGED,
    {},
    ({ attendanceChanged }) => applyAttendance(attendanceChanged),
    // The workforce source was down (or the subscription restarted): events may have been missed.
    { onMissed: reloadEverything },
  );
  void loadWithRetry();
  // A detached scope: the watcher outlives the view that started it (remounted after a re-login).
  effectScope(true).run(() =>
    watch(
      attendanceScope,
      (scope) => {
        if (!workforce.personnel[scope] && !workforce.forbidden) void loadPersonnel(scope);
      },
      { immediate: true },
    ),
  );
  onReconnect(reloadEverything);
  scheduleMidnight();
}
