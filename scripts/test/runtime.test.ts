/**
 * The supported runtime (issue #10): Node.js 20 is end-of-life, so every `npm run` script must run
 * on the Node 24 that the pinned `node` devDependency puts first on the PATH — the test runner
 * and its worker processes included.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const major = (version: string) => Number(/(\d+)/.exec(version)![1]);

describe('runtime', () => {
  it('runs the tests on the pinned Node.js 24 LTS, which engines require', () => {
    expect(major(pkg.devDependencies.node)).toBe(24);
    expect(major(pkg.engines.node)).toBe(24);
    expect(process.versions.node).toBe(pkg.devDependencies.node);
  });

  it('gives every npm script the pinned node first on the PATH', () => {
    const printed = execFileSync('npm', ['exec', '--', 'node', '-p', 'process.versions.node'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(printed.trim()).toBe(pkg.devDependencies.node);
  });
});
