import type { ApprovalProject } from './server.mjs';

export const SEED: string;
export const PROJECT_COUNT: number;
export const DISTRICT_POINTS: Record<string, [number, number]>;
export const UNIT_ROLES: { role: string; roleName: string; kind: string }[];
export function buildProjects(count?: number): ApprovalProject[];
