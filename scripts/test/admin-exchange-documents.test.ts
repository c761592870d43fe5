/**
 * The 数据交换 page builds its documents from a subgraph's prefix (admin/src/modules/exchange):
 * every one of them must be valid against the composed graph, or the page fails only in a browser.
 */
import { readFile } from 'node:fs/promises';
import { buildASTSchema, parse, validate, type DocumentNode } from 'graphql';
import { expect, it } from 'vitest';
import { exchangeDocuments } from '../../admin/src/modules/exchange/graphql.js';
import { repoPath } from '../src/paths.js';

it('the 数据交换 documents of the projects subgraph are valid against the supergraph', async () => {
  const sdl = await readFile(repoPath('schema/supergraph.graphql'), 'utf8');
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const documents = Object.entries(exchangeDocuments('projects')).filter(
    (entry): entry is [string, DocumentNode] => entry[0] !== 'fields',
  );
  expect(documents.length).toBe(8);
  const problems = documents.flatMap(([name, document]) =>
    validate(schema, document).map((e) => `${name}: ${e.message}`),
  );
  expect(problems).toEqual([]);
});
