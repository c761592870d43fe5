#!/usr/bin/env node
// `node simulators/provincial-market/main.mjs`: the 建筑市场监督与诚信一体化平台 SIMULATOR on its own
// (MARKET_SIM_PORT, MARKET_SIM_MODE, MARKET_SIM_DELAY_MS, MARKET_SIM_ENTERPRISES,
// PROVINCIAL_MARKET_APP_KEY, PROVINCIAL_MARKET_APP_SECRET).
import { startProvincialMarketSimulator } from './server.mjs';

const sim = await startProvincialMarketSimulator({
  port: Number(process.env.MARKET_SIM_PORT ?? 4192),
  host: process.env.HOST ?? '127.0.0.1',
  mode: process.env.MARKET_SIM_MODE ?? 'normal',
  delayMs: Number(process.env.MARKET_SIM_DELAY_MS ?? 5000),
  enterprises: Number(process.env.MARKET_SIM_ENTERPRISES ?? 2000),
  appKey: process.env.PROVINCIAL_MARKET_APP_KEY || undefined,
  appSecret: process.env.PROVINCIAL_MARKET_APP_SECRET || undefined,
});
console.log(
  `建筑市场监督与诚信一体化平台模拟器 (SIMULATOR) listening on ${sim.url}  — set PROVINCIAL_MARKET_URL=${sim.url}`,
);
let stopping = false;
const stop = () => {
  if (stopping) process.exit(1); // a second signal: do not wait
  stopping = true;
  sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
