import type { Caller } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Project } from '../projects/project.entity.js';
import { withScope } from '../projects/project.scope.js';

/** The projects in the caller's scope changed most recently (an enterprise's own, a district's). */
export function recentProjects(em: EntityManager, caller: Caller | null, limit: number): Promise<Project[]> {
  return em.find(Project, withScope(em, caller, {}), { orderBy: { updatedAt: 'desc', id: 'asc' }, limit });
}
