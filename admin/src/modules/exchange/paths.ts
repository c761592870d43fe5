/** Where the module's pages live (the menu, its links and its routes agree on them). */
export const EXCHANGE_PATH = '/system/exchange';
export const REJECTED_PATH = '/system/exchange/rejected';
export const OUTBOX_PATH = '/system/exchange/outbox';
