#!/usr/bin/env node
// `node simulators/provincial-supervision/main.mjs`: the 工程质量安全监督系统 SIMULATOR on its own
// (SUPERVISION_SIM_PORT, SUPERVISION_SIM_MODE, SUPERVISION_SIM_DELAY_MS, SUPERVISION_SIM_INSPECTIONS,
// PROVINCIAL_SUPERVISION_APP_KEY).
import { startProvincialSupervisionSimulator } from './server.mjs';

const sim = await startProvincialSupervisionSimulator({
  port: Number(process.env.SUPERVISION_SIM_PORT ?? 4194),
  host: process.env.HOST ?? '127.0.0.1',
  mode: process.env.SUPERVISION_SIM_MODE ?? 'normal',
  delayMs: Number(process.env.SUPERVISION_SIM_DELAY_MS ?? 5000),
  inspections: Number(process.env.SUPERVISION_SIM_INSPECTIONS ?? 400),
  appKey: process.env.PROVINCIAL_SUPERVISION_APP_KEY || undefined,
});
console.log(
  `工程质量安全监督系统模拟器 (SIMULATOR) listening on ${sim.url}  — set PROVINCIAL_SUPERVISION_URL=${sim.url}`,
);
let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
