import type { SupervisionInspection, SupervisionProjectCodes } from './data.mjs';
export type { SupervisionInspection, SupervisionProblem, SupervisionProjectCodes } from './data.mjs';
export type ProvincialSupervisionMode = 'normal' | 'slow' | 'down' | 'error' | 'malformed';
export const MODES: ProvincialSupervisionMode[];
export const DEFAULT_APP_KEY: string;
export const MAX_LIMIT: number;

export interface RunningProvincialSupervisionSimulator {
  url: string;
  appKey: string;
  setMode(mode: ProvincialSupervisionMode, delayMs?: number): void;
  /** Regenerates the inspections over these known projects. */
  setProjects(projects: SupervisionProjectCodes[]): void;
  /** Changes `count` (default 10) inspections; returns their ids. */
  touch(count?: number): string[];
  /** Every inspection served, in updatedAt order. */
  inspections(): SupervisionInspection[];
  /** API requests received (control requests not counted). */
  requests(): number;
  close(): Promise<void>;
}
export function startProvincialSupervisionSimulator(options?: {
  inspections?: number;
  projects?: SupervisionProjectCodes[];
  mode?: ProvincialSupervisionMode;
  delayMs?: number;
  appKey?: string;
  port?: number;
  host?: string;
  now?: () => number;
}): Promise<RunningProvincialSupervisionSimulator>;
