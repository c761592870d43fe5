/**
 * `npm start`: builds only what changed since the last successful build, then runs the platform
 * (scripts/dist/start.js) in this same process, so a process manager's signal reaches it directly.
 *
 * Plain JavaScript because it runs before anything is compiled. A build unit is current when the
 * hash of its inputs equals the stamp written after its last successful build and its output exists;
 * `tsc -b` covers every TypeScript package, the vite builds of admin/ and dashboard/ (the slow part)
 * are skipped unless their own sources changed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP_FILE = join(ROOT, 'node_modules', '.cache', 'hs-start', 'build-stamps.json');
const SKIP = new Set(['node_modules', 'dist', '.vite']);
/** Inputs every unit depends on: a dependency change rebuilds all (the root package.json's scripts do not). */
const SHARED = ['package-lock.json'];

const workspaceDirs = (parent) =>
  readdirSync(join(ROOT, parent), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(ROOT, parent, d.name, 'tsconfig.json')))
    .map((d) => join(parent, d.name));

const webApp = (name) => ({
  name,
  inputs: [
    `${name}/src`,
    `${name}/public`,
    `${name}/index.html`,
    `${name}/package.json`,
    `${name}/vite.config.ts`,
  ].concat(
    readdirSync(join(ROOT, name))
      .filter((f) => /^tsconfig.*\.json$/.test(f))
      .map((f) => `${name}/${f}`),
  ),
  output: `${name}/dist/index.html`,
  command: [process.env.npm_execpath ?? 'npm', 'run', 'build', '-w', name],
});

const UNITS = [
  {
    name: 'TypeScript (tsc -b)',
    inputs: ['tsconfig.json', 'tsconfig.base.json'].concat(
      ...[...workspaceDirs('packages'), ...workspaceDirs('subgraphs'), 'router', 'scripts'].map((dir) => [
        `${dir}/src`,
        `${dir}/package.json`,
        `${dir}/tsconfig.json`,
      ]),
    ),
    output: 'scripts/dist/start.js',
    command: [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'],
  },
  webApp('admin'),
  webApp('dashboard'),
];

function collect(path, files) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full)) if (!SKIP.has(entry)) collect(join(path, entry), files);
  } else files.push(path);
}

const inputFiles = (unit) => {
  const files = [];
  for (const path of [...SHARED, ...unit.inputs]) collect(path, files);
  return files.sort();
};

/** Content hash of a unit's inputs (paths and bytes): a checkout that only touches mtimes changes nothing. */
function inputHash(unit) {
  const hash = createHash('sha256');
  for (const file of inputFiles(unit)) hash.update(`${file}\0`).update(readFileSync(join(ROOT, file)));
  return hash.digest('hex');
}

/** With no stamp yet (e.g. after `npm run build`): current when the output is newer than every input. */
function outputNewer(unit) {
  const output = statSync(join(ROOT, unit.output)).mtimeMs;
  return inputFiles(unit).every((file) => statSync(join(ROOT, file)).mtimeMs < output);
}

let building = null;
let interrupted = null;

/** Runs one build in its own process group, so a stop during the build ends all of it (npm, sh, vite). */
function run([command, ...args]) {
  return new Promise((resolve, reject) => {
    const viaNode = command.endsWith('.js') || command.endsWith('tsc');
    const child = spawn(viaNode ? process.execPath : command, viaNode ? [command, ...args] : args, {
      cwd: ROOT,
      stdio: 'inherit',
      detached: true,
    });
    building = child;
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      building = null;
      if (code === 0) resolve();
      else reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

function onSignal(signal) {
  if (interrupted) return;
  interrupted = signal;
  console.log(`${signal}: 停止构建 (stopping the build)`);
  if (building?.pid) process.kill(-building.pid, 'SIGTERM');
  else process.exit(0);
}

async function buildWhatChanged() {
  const stamps = existsSync(STAMP_FILE) ? JSON.parse(await readFile(STAMP_FILE, 'utf8')) : {};
  const current = ({ unit, hash }) =>
    existsSync(join(ROOT, unit.output)) && (stamps[unit.name] ? stamps[unit.name] === hash : outputNewer(unit));
  const units = UNITS.map((unit) => ({ unit, hash: inputHash(unit) }));
  const stale = units.filter((u) => !current(u));
  for (const u of units) if (!stale.includes(u)) stamps[u.unit.name] = u.hash;
  await mkdir(dirname(STAMP_FILE), { recursive: true });
  if (stale.length === 0) {
    await writeFile(STAMP_FILE, JSON.stringify(stamps, null, 2));
    console.log('构建已是最新 (build is current): 直接启动');
    return;
  }
  console.log(`需要构建 (building): ${stale.map((s) => s.unit.name).join(', ')}`);
  const started = Date.now();
  for (const { unit, hash } of stale) {
    await run(unit.command);
    stamps[unit.name] = hash;
    await writeFile(STAMP_FILE, JSON.stringify(stamps, null, 2));
  }
  console.log(`构建完成 (built) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);
try {
  await buildWhatChanged();
} catch (error) {
  if (!interrupted) console.error(`构建失败 (build failed): ${error.message}`);
  process.exit(interrupted ? 0 : 1);
}
// From here on the platform handles its own signals.
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
process.off('SIGHUP', onSignal);
await import(pathToFileURL(join(ROOT, 'scripts', 'dist', 'start.js')).href);
