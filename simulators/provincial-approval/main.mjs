#!/usr/bin/env node
// `node simulators/provincial-approval/main.mjs`: the 工程建设项目审批管理系统 SIMULATOR on its own
// (APPROVAL_SIM_PORT, APPROVAL_SIM_MODE, APPROVAL_SIM_DELAY_MS).
import { startProvincialApprovalSimulator } from './server.mjs';

const sim = await startProvincialApprovalSimulator({
  port: Number(process.env.APPROVAL_SIM_PORT ?? 4191),
  host: process.env.HOST ?? '127.0.0.1',
  mode: process.env.APPROVAL_SIM_MODE ?? 'normal',
  delayMs: Number(process.env.APPROVAL_SIM_DELAY_MS ?? 5000),
});
console.log(
  `工程建设项目审批管理系统模拟器 (SIMULATOR) listening on ${sim.url}  — set PROVINCIAL_APPROVAL_URL=${sim.url}`,
);
let stopping = false;
const stop = () => {
  if (stopping) process.exit(1); // a second signal: do not wait
  stopping = true;
  sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
