/** Where the module's pages live (the menu, its links and its routes agree on them). */
export const EXCHANGE_PATH = '/system/exchange';
export const REJECTED_PATH = '/system/exchange/rejected';
export const OUTBOX_PATH = '/system/exchange/outbox';

/**
 * The subgraphs that mount the kit's exchange admin API, each under its prefix
 * (projectsExchangeConnectors, supervisionExchangeConnectors …): one 数据交换 page per source, the
 * first at the module's own paths, the others under theirs.
 */
export const EXCHANGE_SOURCES = [
  { prefix: 'projects', title: '工程项目与企业' },
  { prefix: 'supervision', title: '质量安全监督' },
] as const;

const base = (prefix: string) => (prefix === EXCHANGE_SOURCES[0].prefix ? EXCHANGE_PATH : `${EXCHANGE_PATH}/${prefix}`);
export const exchangePath = (prefix: string) => base(prefix);
export const rejectedPath = (prefix: string) =>
  prefix === EXCHANGE_SOURCES[0].prefix ? REJECTED_PATH : `${base(prefix)}/rejected`;
export const outboxPath = (prefix: string) =>
  prefix === EXCHANGE_SOURCES[0].prefix ? OUTBOX_PATH : `${base(prefix)}/outbox`;
