import { chinaDate, isUuid, pgParams } from '@hs/kit';
import { type BaseContext, dataDirOf, FileStore, type SubgraphDeps } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { projectSummaries } from './analytics/analytics.service.js';
import type { ProjectSummary } from './analytics/analytics.types.js';
import { type AttendanceSettings, DEFAULT_ATTENDANCE_SETTINGS } from './attendance/attendance.service.js';
import { employmentScopeSql } from './common/scope.js';
import { storedFiles } from './files/file.service.js';
import type { StoredFileRow } from './files/file.types.js';
import { DEFAULT_HR_BUREAU_OPTIONS, type HrBureauOptions } from './insurance/hr-bureau-client.js';
import { Employment } from './people/employment.entity.js';
import type { Person } from './people/person.entity.js';
import { visiblePeople } from './people/person.service.js';
import { Training } from './people/training.entity.js';
import { Device } from './sites/device.entity.js';
import { ProjectSite } from './sites/site.entity.js';

export interface WorkforceLoaders {
  /** People by id within the caller's scope: out-of-scope ids come back null. */
  personById: DataLoader<string, Person | null>;
  /** Assignments of each person (all, history included) within scope, newest entry first. */
  employmentsByPerson: DataLoader<string, Employment[]>;
  trainingsByPerson: DataLoader<string, Training[]>;
  siteByProject: DataLoader<string, ProjectSite | null>;
  devicesByProject: DataLoader<string, Device[]>;
  /** Project.workforce: today's figures, one query per batch of projects. */
  summaryByProject: DataLoader<string, ProjectSummary | null>;
  /** Uploaded files (photos, contract scans) by SHA-256. */
  storedFileBySha: DataLoader<string, StoredFileRow | null>;
}

export interface WorkforceRuntime {
  fieldKey: string;
  files: FileStore;
  now: () => Date;
  attendance: AttendanceSettings;
  hrBureau: HrBureauOptions;
}

export interface WorkforceContext extends BaseContext {
  deps: SubgraphDeps;
  runtime: WorkforceRuntime;
  loaders: WorkforceLoaders;
}

const envNumber = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * HR_BUREAU_URL (the 人社局 interface; `npm start` starts the simulator and sets it when unset),
 * WORKFORCE_DUPLICATE_WINDOW_SECONDS (default 300), HR_BUREAU_TIMEOUT_MS (3000).
 * Read when the runtime is made, so a launcher may set them just before starting the subgraph.
 */
export function workforceRuntime(deps: SubgraphDeps): WorkforceRuntime {
  return {
    fieldKey: deps.config.FIELD_ENCRYPTION_KEY,
    files: new FileStore(dataDirOf(deps.config)),
    now: () => new Date(),
    attendance: {
      ...DEFAULT_ATTENDANCE_SETTINGS,
      duplicateWindowMs: envNumber('WORKFORCE_DUPLICATE_WINDOW_SECONDS', 300) * 1000,
    },
    hrBureau: {
      ...DEFAULT_HR_BUREAU_OPTIONS,
      baseUrl: process.env.HR_BUREAU_URL || null,
      timeoutMs: envNumber('HR_BUREAU_TIMEOUT_MS', DEFAULT_HR_BUREAU_OPTIONS.timeoutMs),
    },
  };
}

function grouped<T>(ids: readonly string[], rows: T[], key: (r: T) => string): T[][] {
  const m = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) m.get(key(r))?.push(r);
  return ids.map((id) => m.get(id) ?? []);
}

/** Fresh loaders per request (and per subscription event). */
export function createWorkforceContext(
  base: BaseContext,
  deps: SubgraphDeps,
  runtime: WorkforceRuntime = workforceRuntime(deps),
): WorkforceContext {
  const em: EntityManager = base.em;
  return {
    ...base,
    deps,
    runtime,
    loaders: {
      personById: new DataLoader(async (ids) => {
        const rows = await visiblePeople(em, base.caller, [...ids]);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      employmentsByPerson: new DataLoader(async (ids) => {
        const valid = [...new Set(ids.filter(isUuid))];
        const scope = employmentScopeSql(base.caller, 'e');
        const found: { id: string }[] = valid.length
          ? await em
              .getConnection()
              .execute(
                `select e.id from workforce.employment e where e.person_id = any(?::uuid[]) and ${scope.sql}`,
                pgParams([valid, ...scope.params]),
                'all',
              )
          : [];
        const rows = found.length
          ? await em.find(
              Employment,
              { id: { $in: found.map((r) => r.id) } },
              {
                orderBy: { entryDate: 'desc', createdAt: 'desc' },
              },
            )
          : [];
        return grouped(ids, rows, (r) => r.person.id);
      }),
      trainingsByPerson: new DataLoader(async (ids) => {
        const rows = await em.find(
          Training,
          { person: { $in: ids.filter(isUuid) } },
          { orderBy: { trainedOn: 'desc' } },
        );
        return grouped(ids, rows, (r) => r.person.id);
      }),
      siteByProject: new DataLoader(async (ids) => {
        const rows = await em.find(ProjectSite, { projectId: { $in: ids.filter(isUuid) } });
        const byId = new Map(rows.map((r) => [r.projectId, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      devicesByProject: new DataLoader(async (ids) => {
        const rows = await em.find(
          Device,
          { projectId: { $in: ids.filter(isUuid) } },
          { orderBy: { serialNo: 'asc' } },
        );
        return grouped(ids, rows, (r) => r.projectId);
      }),
      summaryByProject: new DataLoader(async (ids) => {
        const map = await projectSummaries(em, base.caller, chinaDate(runtime.now()), ids.filter(isUuid));
        return ids.map((id) => map.get(id) ?? null);
      }),
      storedFileBySha: new DataLoader(async (shas) => {
        const rows = await storedFiles(em, shas);
        const bySha = new Map(rows.map((r) => [r.sha256, r]));
        return shas.map((sha) => bySha.get(sha) ?? null);
      }),
    },
  };
}
