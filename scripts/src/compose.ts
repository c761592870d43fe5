/**
 * Composes the supergraph from the subgraphs' own schemas (type-graphql -> SDL) with
 * @apollo/composition and writes schema/<subgraph>.graphql and schema/supergraph.graphql.
 * `--check` fails when the committed files differ from what the code composes (CI runs it).
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createLogger, PgPubSub, type SubgraphDeps } from '@hs/kit';
import { repoPath } from './paths.js';
import { SUBGRAPHS } from './subgraphs.js';

export const DEFAULT_SUBGRAPH_HOST = '127.0.0.1';

export async function composeSupergraph(): Promise<{ supergraph: string; subgraphs: Record<string, string> }> {
  const logger = createLogger('compose', 'silent');
  // Building a schema touches neither the database nor the event bus; the pool is never opened.
  const pubSub = new PgPubSub('postgres://unused@127.0.0.1:1/unused', logger);
  const deps = {
    config: {} as SubgraphDeps['config'],
    orm: undefined as unknown as SubgraphDeps['orm'],
    pubSub,
    logger,
  };
  const subgraphs: Record<string, string> = {};
  const services = [];
  for (const module of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await module.buildSchema(deps));
    subgraphs[module.name] = sdl;
    services.push({
      name: module.name,
      typeDefs: parse(sdl),
      url: `http://${DEFAULT_SUBGRAPH_HOST}:${module.defaultPort}/graphql`,
    });
  }
  await pubSub.close();
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return { supergraph: result.supergraphSdl, subgraphs };
}

async function main() {
  const check = process.argv.includes('--check');
  const { supergraph, subgraphs } = await composeSupergraph();
  const files: Record<string, string> = { 'supergraph.graphql': supergraph };
  for (const [name, sdl] of Object.entries(subgraphs)) files[`${name}.graphql`] = sdl;
  await mkdir(repoPath('schema'), { recursive: true });
  const stale: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    const path = repoPath('schema', file);
    if (check) {
      const committed = await readFile(path, 'utf8').catch(() => '');
      if (committed !== content) stale.push(file);
    } else {
      await writeFile(path, content);
    }
  }
  if (check && stale.length) {
    console.error(`schema/ is stale (${stale.join(', ')}): run \`npm run compose\` and commit the result.`);
    process.exit(1);
  }
  console.log(
    check
      ? 'schema/ is up to date.'
      : `wrote ${Object.keys(files)
          .map((f) => `schema/${f}`)
          .join(', ')}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
