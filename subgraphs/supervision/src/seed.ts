import type { EntityManager } from '@mikro-orm/postgresql';
import { seedProjectCodes } from './projects/replica.js';

/**
 * Demo data: the project code replica only. Inspections come from the pull (`npm start` runs the
 * 工程质量安全监督系统 simulator, which knows the seeded projects' codes), as they would in production.
 */
export async function seedSupervision(em: EntityManager): Promise<number> {
  return seedProjectCodes(em);
}
