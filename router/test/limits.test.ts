import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, operationLimitErrors, requestedSize, resolveLimits, selectionDepth } from '../src/limits.js';

const schema = buildSchema(`
  input PageInput { page: Int = 1, pageSize: Int = 20 }
  type Item { id: ID! name: String children(first: Int): [Item!]! parent: Item }
  type ItemPage { items: [Item!]! total: Int! }
  type Query {
    items(page: PageInput): ItemPage!
    list(limit: Int = 50): [Item!]!
    tags: [String!]!
    item(id: ID!): Item
  }
`);

const depthOf = (query: string) => {
  const doc = parse(query);
  const fragments = new Map(
    doc.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [])),
  );
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition')!;
  return selectionDepth((op as any).selectionSet, fragments);
};

const errorsFor = (query: string, variables?: Record<string, unknown>, limits = { maxDepth: 12, maxCost: 5000 }) =>
  operationLimitErrors(schema, parse(query), { variables }, limits);

describe('depth', () => {
  it('counts nested fields, through fragments and inline fragments', () => {
    expect(depthOf('{ tags }')).toBe(1);
    expect(depthOf('{ item(id: 1) { parent { parent { name } } } }')).toBe(4);
    expect(depthOf('{ item(id: 1) { ...F } } fragment F on Item { parent { ... on Item { name } } }')).toBe(3);
  });

  it('does not count introspection (GraphiQL loads the schema with a deep query)', () => {
    expect(depthOf('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }')).toBe(0);
    expect(depthOf('{ item(id: 1) { __typename name } }')).toBe(2);
  });

  it('reports QUERY_TOO_DEEP with depth and limit', () => {
    const errors = errorsFor('{ item(id: 1) { parent { parent { name } } } }', undefined, {
      maxDepth: 3,
      maxCost: 5000,
    });
    expect(errors).toHaveLength(1);
    expect(errors[0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', details: { depth: 4, maxDepth: 3 } });
    expect(errors[0].message).toBe('查询嵌套层级为 4 层，超过上限 3 层，请精简查询');
  });
});

describe('cost', () => {
  it('finds the page size in pageSize/first/limit, also one level down (kit PageInput)', () => {
    expect(requestedSize({ first: 10 })).toBe(10);
    expect(requestedSize({ limit: 3, other: 1 })).toBe(3);
    expect(requestedSize({ page: { page: 2, pageSize: 50 } })).toBe(50);
    expect(requestedSize({ id: 1 })).toBeUndefined();
  });

  it('multiplies children by the requested page size, or the schema default size', () => {
    // items(page: {pageSize: 100}) { items { id name } } = 1 + 100 × (1 + 1 + 1) = 301
    expect(
      errorsFor('{ items(page: { pageSize: 100 }) { items { id name } } }', undefined, { maxDepth: 12, maxCost: 301 }),
    ).toEqual([]);
    expect(
      errorsFor('{ items(page: { pageSize: 100 }) { items { id name } } }', undefined, {
        maxDepth: 12,
        maxCost: 300,
      })[0].extensions,
    ).toEqual({ code: 'QUERY_TOO_COMPLEX', details: { cost: 301, maxCost: 300 } });
    // no page given: PageInput's default pageSize 20 applies => 1 + 20 × 3 = 61
    expect(
      errorsFor('{ items { items { id name } } }', undefined, { maxDepth: 12, maxCost: 60 })[0].extensions?.details,
    ).toEqual({ cost: 61, maxCost: 60 });
    // list(limit = 50) default => 1 + 50 × 1
    expect(errorsFor('{ list { id } }', undefined, { maxDepth: 12, maxCost: 50 })[0].extensions?.details).toEqual({
      cost: 51,
      maxCost: 50,
    });
  });

  it('uses the variables of the request', () => {
    const q = 'query Q($n: Int) { item(id: 1) { children(first: $n) { name } } }';
    expect(errorsFor(q, { n: 10 }, { maxDepth: 12, maxCost: 12 })).toEqual([]);
    const errors = errorsFor(q, { n: 1000 }, { maxDepth: 12, maxCost: 12 });
    expect(errors[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(errors[0].message).toBe('查询复杂度估算为 1002，超过上限 12，请减少字段或每页条数');
  });

  it('multiplies nested page sizes', () => {
    const q = '{ list(limit: 50) { children(first: 100) { name children(first: 100) { name } } } }';
    const errors = errorsFor(q);
    expect(errors[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('limits config', () => {
  it('fills defaults and refuses nonsense', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ maxDepth: 5 }).maxDepth).toBe(5);
    expect(() => resolveLimits({ maxCost: 0 })).toThrow(/maxCost/);
  });
});
