import { EVENTS_MAY_BE_MISSED, isConnectionLost, isUuid, type Logger, type PgPubSub } from '@hs/kit';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/** The projects subgraph's topic and the part of its payload this replica reads. */
export const PROJECTS_CHANGED_TOPIC = 'projects.changed';

export interface ProjectChanged {
  kind?: string;
  projectId: string;
  districtCode: string;
  name?: string;
  projectCode?: string | null;
  permitCode?: string | null;
}

const code = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 40) : null);

/**
 * Applies one projects.changed event to the code replica, then to the inspections: those of the
 * project follow its district and name, unlinked ones (未关联项目) that carry its codes are linked,
 * and a deleted project's inspections become unlinked again (their codes stay).
 */
export async function applyProjectChange(em: EntityManager, event: ProjectChanged, now = new Date()): Promise<void> {
  if (!isUuid(event.projectId) || !/^\d{6}$/.test(String(event.districtCode))) return;
  const run = (sql: string, params: unknown[]) => em.getConnection().execute(sql, params);
  if (event.kind === 'DELETED') {
    await run(`delete from supervision.project_ref where project_id = ?`, [event.projectId]);
    await run(`update supervision.inspection set project_id = null, district_code = null where project_id = ?`, [
      event.projectId,
    ]);
    return;
  }
  const name = typeof event.name === 'string' ? event.name.slice(0, 200) : null;
  const carriesCodes = 'projectCode' in event || 'permitCode' in event;
  if (name && carriesCodes) {
    await run(
      `insert into supervision.project_ref (project_id, project_code, permit_code, name, district_code, synced_at)
       values (?, ?, ?, ?, ?, ?)
       on conflict (project_id) do update set project_code = excluded.project_code, permit_code = excluded.permit_code,
         name = excluded.name, district_code = excluded.district_code, synced_at = excluded.synced_at`,
      [event.projectId, code(event.projectCode), code(event.permitCode), name, event.districtCode, now],
    );
  } else {
    // An older projects service: only what the event says of a project already known.
    await run(
      `update supervision.project_ref set district_code = ?, name = coalesce(?, name), synced_at = ? where project_id = ?`,
      [event.districtCode, name, now, event.projectId],
    );
  }
  await run(
    `update supervision.inspection i set project_id = r.project_id, district_code = r.district_code, project_name = r.name
       from supervision.project_ref r
      where r.project_id = ?
        and (i.project_id = r.project_id
             or (i.project_id is null and (i.project_code = r.project_code or i.permit_code = r.permit_code)))`,
    [event.projectId],
  );
}

/** Listens to projects.changed for the life of the process and keeps the replica current. */
export function followProjectChanges(orm: MikroORM, pubSub: PgPubSub, logger: Logger): void {
  void (async () => {
    try {
      for await (const payload of pubSub.subscribe(PROJECTS_CHANGED_TOPIC)) {
        if (payload === EVENTS_MAY_BE_MISSED) {
          logger.warn(
            'project code replica may have missed projects.changed events while the database connection was down',
          );
          continue;
        }
        try {
          await applyProjectChange(orm.em.fork(), payload as ProjectChanged).catch((error: unknown) => {
            if (!isConnectionLost(error)) throw error;
            return applyProjectChange(orm.em.fork(), payload as ProjectChanged);
          });
        } catch (error) {
          logger.error({ err: error }, 'could not apply projects.changed to the project code replica');
        }
      }
    } catch (error) {
      logger.error({ err: error }, 'project code replica listener stopped');
    }
  })();
}

/**
 * The seed's copy of the projects subgraph's codes (the seed runs as the owner, after the projects
 * seed, like the workforce site replica's); at run time the replica follows projects.changed.
 */
export async function seedProjectCodes(em: EntityManager): Promise<number> {
  const conn = em.getConnection();
  const [exists] = await conn.execute<{ t: string | null }[]>(`select to_regclass('projects.project') as t`);
  if (!exists?.t) return 0;
  const rows = await conn.execute<{ n: number }[]>(
    `with copied as (
       insert into supervision.project_ref (project_id, project_code, permit_code, name, district_code)
       select id, project_code, permit_code, left(name, 200), district_code from projects.project
       on conflict (project_id) do nothing returning 1)
     select count(*)::int as n from copied`,
  );
  return rows[0]?.n ?? 0;
}
