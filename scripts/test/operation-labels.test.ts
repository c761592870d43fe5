/**
 * The 操作日志 page names every operation in Chinese (admin/src/utils/labels.ts OPERATION_LABELS,
 * by root field): a mutation added to the graph without its name would show up there in English.
 */
import { readFile } from 'node:fs/promises';
import { buildASTSchema, parse } from 'graphql';
import { expect, it } from 'vitest';
import { OPERATION_LABELS, operationLabel } from '../../admin/src/utils/labels.js';
import { repoPath } from '../src/paths.js';

it('every mutation of the supergraph has a Chinese name in the 操作日志', async () => {
  const sdl = await readFile(repoPath('schema/supergraph.graphql'), 'utf8');
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const mutations = Object.keys(schema.getMutationType()!.getFields());
  expect(mutations.length).toBeGreaterThan(40);
  expect(mutations.filter((name) => !/[\u4e00-\u9fff]/.test(OPERATION_LABELS[name] ?? ''))).toEqual([]);
  // The router's row of a login (operation named by the client) reads 登录 through its field.
  expect(operationLabel('Login', ['login'])).toBe('登录');
});
