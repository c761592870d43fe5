#!/usr/bin/env node
// `node simulators/hr-bureau/main.mjs`: the 人社局 SIMULATOR on its own (HR_SIM_PORT, HR_SIM_MODE, HR_SIM_DELAY_MS).
import { startHrBureauSimulator } from './server.mjs';

const sim = await startHrBureauSimulator({
  port: Number(process.env.HR_SIM_PORT ?? 4190),
  host: process.env.HOST ?? '127.0.0.1',
  mode: process.env.HR_SIM_MODE ?? 'normal',
  delayMs: Number(process.env.HR_SIM_DELAY_MS ?? 5000),
});
console.log(`人社局社保接口模拟器 (SIMULATOR) listening on ${sim.url}  — set HR_BUREAU_URL=${sim.url}`);
let stopping = false;
const stop = () => {
  if (stopping) process.exit(1); // a second signal: do not wait
  stopping = true;
  sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
