import { describe, expect, it } from 'vitest';
import { CRON_FORMAT_MESSAGE, cronLabel, cronProblem } from '../src/index.js';

describe('同步计划 in words', () => {
  it.each([
    ['0 2 * * *', '每天 02:00'],
    ['30 23 * * *', '每天 23:30'],
    ['15 * * * *', '每小时第 15 分'],
    ['0 * * * *', '每小时整点'],
    ['*/15 * * * *', '每 15 分钟'],
    ['0 */6 * * *', '每 6 小时整点'],
    ['5 */2 * * *', '每 2 小时的第 5 分'],
    ['0 3 * * 1', '每周一 03:00'],
    ['0 3 * * 0', '每周日 03:00'],
    ['0 3 * * 7', '每周日 03:00'],
    ['0 8 * * 1-5', '每周一至周五 08:00'],
    ['0 8 * * 1,3,5', '每周一、三、五 08:00'],
    ['30 4 1 * *', '每月 1 日 04:30'],
    ['0 0 1 7 *', '每年 7 月 1 日 00:00'],
    ['* * * * *', '每分钟'],
    ['  0   2 * * * ', '每天 02:00'],
  ])('%s → %s', (cron, words) => {
    expect(cronLabel(cron)).toBe(words);
  });

  it.each(['0 2 1-7 * 1', '0 2,14 * * *', '*/5 9-17 * * 1-5', '0 2 */2 * *', '0 2 15 * 1'])(
    'falls back to the cron text for a shape it does not describe: %s',
    (cron) => {
      expect(cronLabel(cron)).toBe(cron);
    },
  );
});

describe('cronProblem', () => {
  it('accepts well-formed 5-field crons', () => {
    for (const cron of ['0 2 * * *', '*/15 * * * *', '0 8 * * 1-5', '0 2,14 1 1-6/2 *', '59 23 31 12 7'])
      expect(cronProblem(cron), cron).toBeNull();
  });

  it('names the field at fault, in Chinese', () => {
    expect(cronProblem('61 * * * *')).toBe(
      '定时同步的“分”应为 0～59 的数字、范围（如 1-5）、间隔（如 */15）或逗号分隔的列表：61',
    );
    expect(cronProblem('0 24 * * *')).toMatch(/^定时同步的“时”应为 0～23/);
    expect(cronProblem('0 2 0 * *')).toMatch(/^定时同步的“日”应为 1～31/);
    expect(cronProblem('0 2 * 13 *')).toMatch(/^定时同步的“月”应为 1～12/);
    expect(cronProblem('0 2 * * MON')).toMatch(/^定时同步的“周”应为 0～7/);
    expect(cronProblem('0 2 * * 5-1')).toMatch(/^定时同步的“周”/);
    expect(cronProblem('*/0 * * * *')).toMatch(/^定时同步的“分”/);
  });

  it('asks for 5 fields', () => {
    for (const cron of ['', '0 2 * *', '0 0 2 * * *', 'tomorrow'])
      expect(cronProblem(cron), cron).toBe(CRON_FORMAT_MESSAGE);
  });
});
