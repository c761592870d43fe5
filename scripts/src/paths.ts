import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether running from scripts/src (tests) or scripts/dist (built). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export const repoPath = (...parts: string[]) => resolve(REPO_ROOT, ...parts);
