import type { MultiPolygon, Polygon } from 'geojson';
import { computed, reactive, shallowReactive } from 'vue';
import { gql } from '../api/client';
import { DISTRICTS, enterpriseCounts, PROJECT_CHANGED, PROJECT_PAGE, PROJECT_STATS } from '../api/documents';
import {
  PROJECT_STATUSES,
  PROJECT_TYPES,
  STATUS_LABELS,
  statusLabel,
  typeLabel,
  type ProjectStatus,
  type ProjectType,
} from '../domain/labels';
import { onReconnect, subscribeForever } from '../live/connection';

/**
 * The dashboard's data: the districts (with boundaries), every project in the caller's scope as a
 * map point, counters by district × status and district × type, enterprise totals and the recent
 * changes. Loaded once; afterwards every `projectChanged` event updates the one project and moves
 * its counts (no re-query per event). After a reconnect the whole picture is reloaded once, since
 * events may have been missed while the socket was down.
 */

export interface GeoPoint {
  lng: number;
  lat: number;
}

export interface District {
  code: string;
  name: string;
  kind: 'CITY' | 'DISTRICT' | 'COUNTY' | 'COUNTY_CITY';
  center: GeoPoint;
  boundary: Polygon | MultiPolygon;
}

export interface Project {
  id: string;
  name: string;
  projectCode: string | null;
  permitCode: string | null;
  type: ProjectType;
  status: ProjectStatus;
  districtCode: string;
  address: string;
  location: GeoPoint;
  builder: { name: string } | null;
  generalContractor: { name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChangeItem {
  key: string;
  kind: 'CREATED' | 'UPDATED';
  at: string;
  project: Project;
  /** What changed, for people: 「状态：未开工 → 在建」. */
  changes: string[];
  live: boolean;
}

type Counter = Record<string, Record<string, number>>;

const MAX_RECENT = 40;
const PAGE_SIZE = 100;
const PARALLEL_PAGES = 4;
const ENTERPRISE_REFRESH_MS = 5 * 60_000;

export const dashboard = reactive({
  districts: [] as District[],
  /** Six county-level divisions (the city row left out), by code. */
  loaded: false,
  loading: false,
  error: '',
  selectedDistrict: null as string | null,
  /** Project whose card is shown on the map. */
  focusedProjectId: null as string | null,
  byDistrictStatus: {} as Counter,
  byDistrictType: {} as Counter,
  enterpriseTotal: null as number | null,
  enterpriseByDistrict: {} as Record<string, number>,
  recent: [] as ChangeItem[],
  /** projectStats.total at the last load, to check the map against the graph's own count. */
  graphTotal: null as number | null,
  lastChangeAt: null as string | null,
});

/** Every project by id. Shallow: a project object is replaced, never mutated. */
export const projects = shallowReactive(new Map<string, Project>());

type UpsertListener = (project: Project, previous: Project | undefined) => void;
const upsertListeners = new Set<UpsertListener>();
const resetListeners = new Set<() => void>();

/** The map listens here to move one point instead of redrawing all. */
export function onProjectUpsert(listener: UpsertListener): () => void {
  upsertListeners.add(listener);
  return () => upsertListeners.delete(listener);
}
export function onProjectsReset(listener: () => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

export const districtList = computed(() => dashboard.districts.filter((d) => d.kind !== 'CITY'));
export const districtName = (code: string) => dashboard.districts.find((d) => d.code === code)?.name ?? code;
export const selectedDistrictName = computed(() =>
  dashboard.selectedDistrict ? districtName(dashboard.selectedDistrict) : null,
);

function bump(counter: Counter, outer: string, inner: string, by: number) {
  const row = (counter[outer] ??= {});
  row[inner] = (row[inner] ?? 0) + by;
}

function count(project: Project, by: 1 | -1) {
  bump(dashboard.byDistrictStatus, project.districtCode, project.status, by);
  bump(dashboard.byDistrictType, project.districtCode, project.type, by);
}

const sumRow = (row: Record<string, number> | undefined) => Object.values(row ?? {}).reduce((a, b) => a + b, 0);

/** Counts for the selection (a district, or the city when none is selected). */
export const scopeCounts = computed(() => {
  const codes = dashboard.selectedDistrict ? [dashboard.selectedDistrict] : Object.keys(dashboard.byDistrictStatus);
  const byStatus = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<ProjectStatus, number>;
  const byType = Object.fromEntries(PROJECT_TYPES.map((t) => [t, 0])) as Record<ProjectType, number>;
  for (const code of codes) {
    for (const [s, n] of Object.entries(dashboard.byDistrictStatus[code] ?? {})) byStatus[s as ProjectStatus] += n;
    for (const [t, n] of Object.entries(dashboard.byDistrictType[code] ?? {})) byType[t as ProjectType] += n;
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const enterprises = dashboard.selectedDistrict
    ? (dashboard.enterpriseByDistrict[dashboard.selectedDistrict] ?? null)
    : dashboard.enterpriseTotal;
  return { total, byStatus, byType, enterprises };
});

/** Projects per district for the bar chart, in the districts' order. */
export const districtTotals = computed(() =>
  districtList.value.map((d) => ({
    code: d.code,
    name: d.name,
    total: sumRow(dashboard.byDistrictStatus[d.code]),
    underConstruction: dashboard.byDistrictStatus[d.code]?.UNDER_CONSTRUCTION ?? 0,
  })),
);

export const cityTotal = computed(() => districtTotals.value.reduce((a, d) => a + d.total, 0));

export const visibleRecent = computed(() =>
  dashboard.selectedDistrict
    ? dashboard.recent.filter((c) => c.project.districtCode === dashboard.selectedDistrict)
    : dashboard.recent,
);

export function selectDistrict(code: string | null) {
  dashboard.selectedDistrict = code && dashboard.selectedDistrict !== code ? code : null;
  if (dashboard.focusedProjectId) {
    const focused = projects.get(dashboard.focusedProjectId);
    if (!focused || (dashboard.selectedDistrict && focused.districtCode !== dashboard.selectedDistrict)) {
      dashboard.focusedProjectId = null;
    }
  }
}

export function focusProject(id: string | null) {
  dashboard.focusedProjectId = id;
}

// ------------------------------------------------------------------------------- loading

async function loadDistricts() {
  const { districts } = await gql<{ districts: District[] }>(DISTRICTS);
  dashboard.districts = districts;
}

async function loadAllProjects(): Promise<Project[]> {
  type PageResult = { projects: { total: number; items: Project[] } };
  const first = await gql<PageResult>(PROJECT_PAGE, { page: 1, pageSize: PAGE_SIZE });
  const pages = Math.ceil(first.projects.total / PAGE_SIZE);
  const all = [...first.projects.items];
  const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
  while (rest.length) {
    const batch = rest.splice(0, PARALLEL_PAGES);
    const results = await Promise.all(
      batch.map((page) => gql<PageResult>(PROJECT_PAGE, { page, pageSize: PAGE_SIZE })),
    );
    for (const r of results) all.push(...r.projects.items);
  }
  // A project created between two pages can shift another onto the next page: de-duplicate.
  return [...new Map(all.map((p) => [p.id, p])).values()];
}

async function loadEnterpriseCounts() {
  const codes = districtList.value.map((d) => d.code).filter((c) => /^\d{6}$/.test(c));
  const result = await gql<Record<string, { total: number }>>(enterpriseCounts(codes));
  dashboard.enterpriseTotal = result.all.total;
  dashboard.enterpriseByDistrict = Object.fromEntries(codes.map((c) => [c, result[`d${c}`]?.total ?? 0]));
}

/** Events that arrive while a load is running are applied after it. */
let pending: { kind: ChangeItem['kind']; at: string; project: Project }[] | null = null;

async function loadEverything() {
  dashboard.loading = true;
  pending = [];
  try {
    if (dashboard.districts.length === 0) await loadDistricts();
    const [list, stats] = await Promise.all([
      loadAllProjects(),
      gql<{ projectStats: { total: number } }>(PROJECT_STATS),
      loadEnterpriseCounts(),
    ]);
    projects.clear();
    dashboard.byDistrictStatus = {};
    dashboard.byDistrictType = {};
    for (const p of list) {
      projects.set(p.id, Object.freeze(p));
      count(p, 1);
    }
    dashboard.graphTotal = stats.projectStats.total;
    if (dashboard.recent.length === 0) {
      // Until live events come in, the list shows the latest changes the graph knows of.
      dashboard.recent = [...list]
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.name.localeCompare(b.name))
        .slice(0, 12)
        .map((p) => ({
          key: `initial:${p.id}`,
          kind: Math.abs(Date.parse(p.updatedAt) - Date.parse(p.createdAt)) < 1000 ? 'CREATED' : 'UPDATED',
          at: p.updatedAt,
          project: p,
          changes: [],
          live: false,
        }));
    }
    dashboard.loaded = true;
    dashboard.error = '';
    for (const l of resetListeners) l();
    const queued = pending;
    pending = null;
    for (const event of queued) applyChange(event.kind, event.at, event.project);
  } catch (error) {
    pending = null;
    dashboard.error = (error as Error).message || '数据加载失败';
    throw error;
  } finally {
    dashboard.loading = false;
  }
}

function describeChanges(previous: Project | undefined, next: Project): string[] {
  if (!previous) return [];
  const out: string[] = [];
  if (previous.status !== next.status) out.push(`状态：${statusLabel(previous.status)} → ${statusLabel(next.status)}`);
  if (previous.districtCode !== next.districtCode)
    out.push(`区县：${districtName(previous.districtCode)} → ${districtName(next.districtCode)}`);
  if (previous.name !== next.name) out.push(`名称：${next.name}`);
  if (previous.type !== next.type) out.push(`类别：${typeLabel(previous.type)} → ${typeLabel(next.type)}`);
  if (previous.location.lng !== next.location.lng || previous.location.lat !== next.location.lat)
    out.push('位置已调整');
  if (previous.address !== next.address) out.push('地址已修改');
  if ((previous.builder?.name ?? '') !== (next.builder?.name ?? '')) out.push('建设单位已变更');
  if ((previous.generalContractor?.name ?? '') !== (next.generalContractor?.name ?? '')) out.push('施工总包已变更');
  return out;
}

/** One event: replace the project, move its counts, tell the map, log the change. */
export function applyChange(kind: ChangeItem['kind'], at: string, project: Project) {
  if (pending) {
    pending.push({ kind, at, project });
    return;
  }
  const previous = projects.get(project.id);
  if (previous && previous.updatedAt > project.updatedAt) return; // an older event overtaken by a reload
  const next = Object.freeze({ ...project });
  if (previous) count(previous, -1);
  projects.set(next.id, next);
  count(next, 1);
  for (const l of upsertListeners) l(next, previous);
  const changes = kind === 'CREATED' ? [] : describeChanges(previous, next);
  dashboard.recent = [
    { key: `${next.id}:${at}:${Math.random().toString(36).slice(2, 8)}`, kind, at, project: next, changes, live: true },
    ...dashboard.recent.filter((c) => c.live || c.project.id !== next.id),
  ].slice(0, MAX_RECENT);
  dashboard.lastChangeAt = at;
}

let started = false;

/** Loads the picture, subscribes to changes, and reloads once after each reconnect. */
export function startDashboardData() {
  if (started) return;
  started = true;
  const load = async (attempt = 0): Promise<void> => {
    try {
      await loadEverything();
    } catch {
      await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** attempt)));
      return load(attempt + 1);
    }
  };
  const reload = () => {
    if (!dashboard.loading) void load();
  };
  subscribeForever<{ projectChanged: { kind: ChangeItem['kind']; at: string; project: Project } }>(
    PROJECT_CHANGED,
    {},
    ({ projectChanged }) => applyChange(projectChanged.kind, projectChanged.at, projectChanged.project),
    // The projects source was down (or the subscription restarted): reload the picture once.
    { onMissed: reload },
  );
  void load();
  onReconnect(reload);
  setInterval(() => {
    if (dashboard.loaded) loadEnterpriseCounts().catch(() => {});
  }, ENTERPRISE_REFRESH_MS);
}

export { STATUS_LABELS };
