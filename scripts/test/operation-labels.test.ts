/**
 * The 操作日志 names every operation in Chinese, from one table (packages/labels OPERATION_LABELS,
 * by root field) that the admin's log pages and identity's exports and audit search both read: a
 * mutation added to the graph without its name would show up there in English.
 */
import { readFile } from 'node:fs/promises';
import { buildASTSchema, parse } from 'graphql';
import { expect, it } from 'vitest';
import { OPERATION_LABELS, operationLabel } from '@hs/labels';
import * as admin from '../../admin/src/utils/labels.js';
import { operationNamesMatching } from '../../subgraphs/identity/src/audit/audit-labels.js';
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

it('the admin and identity read that one table', () => {
  expect(admin.OPERATION_LABELS).toBe(OPERATION_LABELS);
  // Identity's audit search by Chinese name finds every mutation so named, as the admin and the graph name it.
  expect(operationNamesMatching('消防验收抽查')).toEqual(
    expect.arrayContaining(['createFireInspection', 'CreateFireInspection', 'exportFireInspectionRecord']),
  );
});
