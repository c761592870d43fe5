import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProjectDelta } from '../attendance/attendance.types.js';
import type { Employment } from './employment.entity.js';

/** Whether an assignment puts its person in a project's register on a day, and as a key post. */
export interface Coverage {
  covered: boolean;
  key: boolean;
}

export function coverageOn(e: Pick<Employment, 'entryDate' | 'exitDate' | 'isKeyPost'>, day: string): Coverage {
  const covered = e.entryDate <= day && (e.exitDate === null || e.exitDate >= day);
  return { covered, key: covered && e.isKeyPost };
}

/**
 * How one assignment's change (`before` → its current state; null before = new) moves the day's
 * 在册 / 关键岗位在册 counts of its project, which count distinct people: another assignment of the
 * same person on the same project that covers the day keeps them counted either way. Null when
 * nothing moves, so no event is sent.
 */
export async function registerDelta(
  em: EntityManager,
  employment: Employment,
  before: Coverage | null,
  day: string,
): Promise<ProjectDelta | null> {
  const was = before ?? { covered: false, key: false };
  const now = coverageOn(employment, day);
  if (was.covered === now.covered && was.key === now.key) return null;
  const [others]: { any: boolean | null; key: boolean | null }[] = await em.getConnection().execute(
    `select bool_or(true) as any, bool_or(is_key_post) as key from workforce.employment
      where person_id = ? and project_id = ? and id <> ? and entry_date <= ? and (exit_date is null or exit_date >= ?)`,
    [employment.person.id, employment.projectId, employment.id, day, day],
    'all',
  );
  const counted = (c: Coverage) => Number(Boolean(others?.any) || c.covered);
  const keyCounted = (c: Coverage) => Number(Boolean(others?.key) || c.key);
  const registeredDelta = counted(now) - counted(was);
  const keyRegisteredDelta = keyCounted(now) - keyCounted(was);
  if (registeredDelta === 0 && keyRegisteredDelta === 0) return null;
  return {
    projectId: employment.projectId,
    districtCode: employment.districtCode,
    onSiteDelta: 0,
    keyPostDelta: 0,
    attendedDelta: 0,
    keyAttendedDelta: 0,
    accepted: 0,
    refused: 0,
    registeredDelta,
    keyRegisteredDelta,
  };
}
