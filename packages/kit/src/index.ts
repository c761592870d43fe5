import 'reflect-metadata';

export * from './caller.js';
export * from './config.js';
export * from './context.js';
export * from './crypto.js';
export * from './db.js';
export * from './errors.js';
export * from './loaders.js';
export * from './logger.js';
export * from './pagination.js';
export * from './pubsub.js';
export * from './server.js';
export * from './subgraph.js';
export * from './token.js';
export * from './validators/index.js';
export * from './module.js';
export * from './permissions.js';
export * from './demo-data.js';
