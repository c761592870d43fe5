/**
 * graphql-js' own request errors, produced by graphql-js itself (parse, validate, variable
 * coercion, operation choice), each translated into Chinese: a message graphql-js words
 * differently after an upgrade shows up here as untranslated instead of reaching people in English.
 */
import { buildSchema, execute, parse, validate, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { translateGraphQLMessage } from '../src/graphql-messages.js';

const schema = buildSchema(`
  enum Status { OPEN CLOSED }
  input Filter { status: Status, name: String, size: Int! }
  input One @oneOf { a: Int, b: Int }
  type Item { id: ID! name: String! tags: [String!]! child: Item }
  union Found = Item
  type Query {
    item(id: ID!): Item
    items(filter: Filter, first: Int, flag: Boolean, ratio: Float, one: One, status: Status, key: ID, text: String): [Item!]!
    found: Found
  }
  type Subscription { a: Int, b: Int }
`);

const syntaxErrorOf = (source: string): string => {
  try {
    parse(source);
  } catch (error) {
    return (error as GraphQLError).message;
  }
  throw new Error(`parsed: ${source}`);
};
const validationErrorsOf = (source: string) => validate(schema, parse(source)).map((e) => e.message);
const executionErrorsOf = async (source: string, variables: Record<string, unknown>, operationName?: string) =>
  ((await execute({ schema, document: parse(source), variableValues: variables, operationName })).errors ?? []).map(
    (e) => e.message,
  );

const SYNTAX = [
  '{ item(',
  '{ item(id: "x) { id } }',
  "{ item(id: 'x') { id } }",
  '{ item(id: 1.) { id } }',
  '{ item(id: "\\u12") { id } }',
  '{ item(id: "\\q") { id } }',
  'query ($a: Int = $b) { items { id } }',
  '{ item(id: "1") { id } } }',
  '{ item(id: "1") ^ }',
];

const INVALID = [
  '{ items { nope } }',
  '{ items(nope: 1) { id } }',
  '{ item { id } }',
  '{ items(status: NOPE) { id } }',
  '{ items(status: OPN) { id } }',
  '{ items(first: "a") { id } }',
  '{ items(first: 2.5) { id } }',
  '{ items(flag: "yes") { id } }',
  '{ items(ratio: "x") { id } }',
  '{ items(text: 1) { id } }',
  '{ items(key: 1.5) { id } }',
  '{ item(id: null) { id } }',
  '{ items(filter: { nope: 1, size: 1 }) { id } }',
  '{ items(filter: { name: "a" }) { id } }',
  '{ items(filter: { size: 1, size: 2 }) { id } }',
  '{ items(one: { a: 1, b: 2 }) { id } }',
  '{ items(first: 1, first: 2) { id } }',
  'query ($x: Nope) { items { id } }',
  'query ($x: Int) { items { id } }',
  '{ items(first: $y) { id } }',
  'query ($x: String) { items(first: $x) { id } }',
  'query ($x: Item) { items { id } }',
  'query ($x: Int, $x: Int) { items(first: $x) { id } }',
  '{ items { id { x } } }',
  '{ items }',
  '{ items { ...Missing } }',
  'fragment Unused on Item { id } { items { id } }',
  'query A { items { id } } query A { items { id } }',
  '{ items { id } } query B { items { id } }',
  '{ items { id: name id } }',
  'fragment F on Query { items { id } } { items { ...F } }',
  '{ items { ... on String { x } } }',
  'fragment G on Item { ...H } fragment H on Item { ...G } { items { ...G } }',
  'type T { a: Int } { items { id } }',
  'subscription { a b }',
  '{ items @nope { id } }',
  'query @skip(if: true) { items { id } }',
  '{ items @include(if: true) @include(if: true) { id } }',
  '{ items @include { id } }',
  '{ items @include(if: true, nope: 1) { id } }',
  '{ found { id } }',
];

const COERCION: [string, Record<string, unknown>][] = [
  ['query ($i: Int!) { items(first: $i) { id } }', { i: 2.5 }],
  ['query ($i: Int!) { items(first: $i) { id } }', { i: 'x' }],
  ['query ($i: Int!) { items(first: $i) { id } }', { i: 2 ** 40 }],
  ['query ($i: Int!) { items(first: $i) { id } }', {}],
  ['query ($i: Int!) { items(first: $i) { id } }', { i: null }],
  ['query ($r: Float) { items(ratio: $r) { id } }', { r: 'x' }],
  ['query ($t: String) { items(text: $t) { id } }', { t: 1 }],
  ['query ($b: Boolean) { items(flag: $b) { id } }', { b: 'yes' }],
  ['query ($k: ID) { items(key: $k) { id } }', { k: { a: 1 } }],
  ['query ($s: Status) { items(status: $s) { id } }', { s: 'NOPE' }],
  ['query ($s: Status) { items(status: $s) { id } }', { s: 1 }],
  ['query ($f: Filter) { items(filter: $f) { id } }', { f: 'x' }],
  ['query ($f: Filter) { items(filter: $f) { id } }', { f: { size: 1, nope: 1 } }],
  ['query ($f: Filter) { items(filter: $f) { id } }', { f: { name: 'a; b' } }],
  ['query ($f: Filter) { items(filter: $f) { id } }', { f: { size: 'a; b' } }],
  ['query ($f: Filter) { items(filter: $f) { id } }', { f: { size: 1, status: 'OPN' } }],
  ['query ($o: One) { items(one: $o) { id } }', { o: { a: 1, b: 2 } }],
];

/** No English sentence once quoted names and values are taken out. */
function expectChinese(original: string, translated: string | null) {
  expect(translated, original).not.toBeNull();
  expect(translated!, original).toMatch(/[\u4e00-\u9fff]/);
  const unquoted = translated!.replace(/“[^”]*”/g, '').replace(/"[^"]*"/g, '');
  expect(unquoted, original).not.toMatch(/\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/);
}

describe('translateGraphQLMessage', () => {
  it('translates every syntax error graphql-js gives for these documents', () => {
    for (const source of SYNTAX) {
      const message = syntaxErrorOf(source);
      expectChinese(message, translateGraphQLMessage(message));
    }
  });

  it('translates every validation error graphql-js gives for these documents', () => {
    const messages = INVALID.flatMap(validationErrorsOf);
    expect(messages.length).toBeGreaterThanOrEqual(INVALID.length);
    for (const message of messages) expectChinese(message, translateGraphQLMessage(message));
  });

  it('translates every variable coercion error and the choice of operation', async () => {
    const messages = (
      await Promise.all(COERCION.map(([source, variables]) => executionErrorsOf(source, variables)))
    ).flat();
    expect(messages.length).toBeGreaterThanOrEqual(COERCION.length);
    messages.push(...(await executionErrorsOf('query A { items { id } } query B { items { id } }', {})));
    messages.push(...(await executionErrorsOf('query A { items { id } }', {}, 'C')));
    for (const message of messages) expectChinese(message, translateGraphQLMessage(message));
  });

  it('says what was wrong, with the names and values of the request', () => {
    expect(
      translateGraphQLMessage('Variable "$i" got invalid value 2.5; Int cannot represent non-integer value: 2.5'),
    ).toBe('变量“$i”的值 2.5 无效：2.5 不是整数');
    expect(
      translateGraphQLMessage(
        'Variable "$f" got invalid value "a; b" at "f.size"; Int cannot represent non-integer value: "a; b"',
      ),
    ).toBe('变量“$f”（f.size）的值 "a; b" 无效："a; b" 不是整数');
    expect(translateGraphQLMessage('Variable "$i" of required type "Int!" was not provided.')).toBe(
      '缺少必填变量“$i”（类型“Int!”）',
    );
    expect(translateGraphQLMessage('Cannot query field "nope" on type "ProjectPage".')).toBe(
      '“ProjectPage”上没有字段“nope”',
    );
    expect(translateGraphQLMessage('Unknown argument "nope" on field "Query.projects".')).toBe(
      '字段“Query.projects”没有参数“nope”',
    );
    expect(translateGraphQLMessage('Value "NOPE" does not exist in "FireInspectionStatus" enum.')).toBe(
      '“NOPE”不是“FireInspectionStatus”的可选值',
    );
    expect(
      translateGraphQLMessage('Value "OPN" does not exist in "Status" enum. Did you mean the enum value "OPEN"?'),
    ).toBe('“OPN”不是“Status”的可选值（是否要用“OPEN”？）');
    expect(translateGraphQLMessage('Syntax Error: Expected Name, found "{".')).toBe('此处应为名称，实际为“{”');
    expect(translateGraphQLMessage('Syntax Error: Unexpected <EOF>.')).toBe('此处不应出现查询末尾');
    expect(translateGraphQLMessage('Variable "$id" of non-null type "ID!" must not be null.')).toBe(
      '变量“$id”（类型“ID!”）不能为 null',
    );
    expect(
      translateGraphQLMessage('Field "project" argument "id" of type "ID!" is required, but it was not provided.'),
    ).toBe('字段“project”缺少必填参数“id”（类型“ID!”）');
  });

  it('knows nothing of messages that are not graphql-js or Apollo request errors', () => {
    expect(translateGraphQLMessage('connect ECONNREFUSED 10.0.0.1:5432')).toBeNull();
    expect(translateGraphQLMessage('Syntax Error: something new')).toBeNull();
  });
});
