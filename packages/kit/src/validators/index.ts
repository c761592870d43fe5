export * from './division.js';
export * from './credit-code.js';
export * from './id-card.js';
export * from './mobile.js';
export * from './text.js';
