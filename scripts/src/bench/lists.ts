/**
 * `npm run bench:lists`: every list query the admin offers, sorted by every column it offers in
 * both directions (and unsorted), on the benchmark dataset, through the router as the city-wide
 * admin and as a district's inspector (大冶: scoped queries are the slower ones): p50 / p95 per
 * sort, at concurrency 1. The lists are found by introspection (every Query
 * field with a `sort: <X>Sort` argument), so a new list is measured without touching this file.
 * Target (issue #11): p95 under 50 ms for a page of 20. Figures are printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import { createLogger } from '@hs/kit';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { startPlatform } from '../platform.js';
import { benchDatabase } from './database.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TARGET_P95_MS = 50;
const BENCH_USERS = (process.env.BENCH_LIST_USERS ?? 'admin,dy_inspector').split(',');
/** Only these lists (comma-separated query names), e.g. to measure again the ones a change is about. */
const ONLY_LISTS = process.env.BENCH_LISTS?.split(',') ?? null;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface FieldInfo {
  name: string;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}
interface TypeInfo {
  name: string;
  kind: string;
  fields: FieldInfo[] | null;
  inputFields: { name: string; type: TypeRef }[] | null;
  enumValues: { name: string }[] | null;
}

const INTROSPECTION = `{ __schema { queryType { name } types { name kind
  fields { name args { name type { ...T } } type { ...T } }
  inputFields { name type { ...T } }
  enumValues { name } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const isList = (t: TypeRef): boolean => t.kind === 'LIST' || (t.ofType !== null && isList(t.ofType));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * The item's own scalar columns and, for a single object column, its id/name: roughly what a list
 * page shows. Lists of objects (an inspection's results, a person's employments) are the detail
 * page's, not a row's, and are left out.
 */
function selection(types: Map<string, TypeInfo>, itemType: string): string {
  const item = types.get(itemType)!;
  const parts: string[] = [];
  for (const field of item.fields ?? []) {
    if (field.args.some((a) => a.type.kind === 'NON_NULL')) continue;
    const type = types.get(named(field.type).name!)!;
    if (type.kind === 'SCALAR' || type.kind === 'ENUM') parts.push(field.name);
    else if (type.kind === 'OBJECT' && !isList(field.type)) {
      const inner = (type.fields ?? []).filter((f) => ['id', 'name'].includes(f.name)).map((f) => f.name);
      if (inner.length) parts.push(`${field.name} { ${inner.join(' ')} }`);
    }
  }
  return parts.join(' ');
}

async function main() {
  process.env.WORKFORCE_BENCH_DAYS ??= '30';
  const database = benchDatabase(
    {
      ...process.env,
      LOG_LEVEL: 'warn',
      LIMIT_RATE_PER_MINUTE_PER_USER: '1000000',
      LIMIT_RATE_PER_MINUTE_PER_IP: '1000000',
    },
    'hs_bench_lists',
    { dataDir: 'data/bench-lists', port: '54333' },
  );
  const platform = await startPlatform({
    logger: createLogger('bench', 'warn'),
    env: database.env,
    port: 0,
    subgraphPorts: 'free',
    seedScale: 'bench',
  });
  try {
    const post = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const res = await fetch(platform.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    };
    const login = async (username: string) => {
      const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
      const answer = await post(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
        { u: account.username, p: account.password },
      );
      return answer.data.login.accessToken as string;
    };
    const adminToken = await login('admin');
    const schema = (await post(INTROSPECTION, {}, adminToken)).data.__schema;
    const types = new Map<string, TypeInfo>(schema.types.map((t: TypeInfo) => [t.name, t]));
    const lists = (types.get(schema.queryType.name)!.fields ?? []).filter(
      (f) => f.args.some((a) => a.name === 'sort') && (!ONLY_LISTS || ONLY_LISTS.includes(f.name)),
    );

    const rows: string[] = [];
    let worst = 0;
    for (const username of BENCH_USERS) {
      const token = username === 'admin' ? adminToken : await login(username);
      rows.push(`as ${username}:`);
      const refused: string[] = [];
      for (const list of lists) {
        const sortInput = types.get(named(list.args.find((a) => a.name === 'sort')!.type).name!)!;
        const sortEnum = types.get(named(sortInput.inputFields!.find((f) => f.name === 'field')!.type).name!)!;
        const resultType = types.get(named(list.type).name!)!;
        // A page ({ total items }) or, for a short list such as roles, the items themselves.
        const itemsField = resultType.fields!.find((f) => f.name === 'items');
        const itemType = itemsField ? named(itemsField.type).name! : resultType.name;
        const hasPage = list.args.some((a) => a.name === 'page');
        const items = selection(types, itemType);
        const query = `query($sort: ${sortInput.name}) { ${list.name}(${hasPage ? 'page: { pageSize: 20 }, ' : ''}sort: $sort) {
          ${itemsField ? `total items { ${items} }` : items} } }`;
        const sorts: (null | { field: string; direction: string })[] = [null];
        for (const value of sortEnum.enumValues ?? []) {
          for (const direction of ['ASC', 'DESC']) sorts.push({ field: value.name, direction });
        }
        for (const sort of sorts) {
          const first = await post(query, { sort }, token);
          if (first.errors) {
            // A list this role may not open is not one of its lists.
            if (first.errors[0].extensions?.code === 'FORBIDDEN') {
              refused.push(list.name);
              break;
            }
            rows.push(
              `${list.name} ${sort ? `${sort.field} ${sort.direction}` : '(default)'}: error ${first.errors[0].message}`,
            );
            continue;
          }
          for (let i = 0; i < 3; i++) await post(query, { sort }, token);
          const times: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const t0 = performance.now();
            await post(query, { sort }, token);
            times.push(performance.now() - t0);
          }
          times.sort((a, b) => a - b);
          const p95 = percentile(times, 95);
          worst = Math.max(worst, p95);
          rows.push(
            `${p95 > TARGET_P95_MS ? '✗' : '✓'} ${list.name.padEnd(22)} ${(sort ? `${sort.field} ${sort.direction}` : '(default order)').padEnd(28)} ` +
              `total ${String(first.data[list.name].total ?? first.data[list.name].length).padStart(8)}  p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms`,
          );
        }
      }
      if (refused.length) rows.push(`  (not permitted to ${username}: ${refused.join(', ')})`);
    }
    console.log(
      `list queries through the router, page of 20, ${RUNS} runs each at concurrency 1 (target p95 < ${TARGET_P95_MS} ms):`,
    );
    for (const row of rows) console.log(row);
    console.log(`${lists.length} lists; worst p95 ${worst.toFixed(1)} ms`);
  } finally {
    await platform.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
