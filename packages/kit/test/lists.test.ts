import 'reflect-metadata';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../src/caller.js';
import { DOWNLOAD_LINK_TTL_SECONDS, issueDownloadLink, openDownloadLink } from '../src/lists/download-link.js';
import { exportLink } from '../src/lists/list-export.js';
import { displayWidth, writeListWorkbook } from '../src/lists/list-workbook.js';

const KEY = '0123456789abcdef0123456789abcdef';
const NOW = new Date('2026-12-02T06:00:00Z');
const caller: Caller = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'dy_inspector',
  displayName: '大冶监管员',
  departmentId: null,
  roles: ['district_inspector'],
  permissions: Array.from({ length: 120 }, (_, i) => `module${i % 7}:feature${i}:view`),
  scope: { kind: 'DEPT', departmentIds: ['d1'], districtCodes: ['420281'], enterpriseIds: [] },
  sessionId: 's1',
};
const request = { kind: 'users', args: { filter: { keyword: '张' } }, caller, fileName: '用户列表-20261202.xlsx' };
const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('t');

describe('download links', () => {
  it('carry the request sealed: opened only by the same subgraph, within five minutes', () => {
    const link = issueDownloadLink(KEY, 'identity', request, 3, NOW);
    expect(link.url.length).toBeLessThan(4000);
    expect(link.url).not.toContain('420281');
    const opened = openDownloadLink(KEY, 'identity', tokenOf(link.url), NOW);
    expect(opened).toEqual({ ok: true, request });
    expect(openDownloadLink(KEY, 'projects', tokenOf(link.url), NOW)).toEqual({ ok: false, reason: 'invalid' });
    const later = new Date(NOW.getTime() + (DOWNLOAD_LINK_TTL_SECONDS + 1) * 1000);
    expect(openDownloadLink(KEY, 'identity', tokenOf(link.url), later)).toEqual({ ok: false, reason: 'expired' });
    expect(openDownloadLink('f'.repeat(32), 'identity', tokenOf(link.url), NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuse any changed character', () => {
    const token = tokenOf(issueDownloadLink(KEY, 'identity', request, 3, NOW).url)!;
    // Not the last character: base64url may leave its low bits unused, so changing them changes nothing.
    for (const at of [0, 10, Math.floor(token.length / 2), token.length - 2]) {
      const changed = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      expect(openDownloadLink(KEY, 'identity', changed, NOW).ok).toBe(false);
    }
    for (const junk of [undefined, '', 'x'.repeat(20_000), ['a'], 'not base64 !']) {
      expect(openDownloadLink(KEY, 'identity', junk, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuse an export beyond the limit in the rows the person sees', () => {
    const options = { fieldKey: KEY, subgraph: 'identity', now: NOW };
    expect(() => exportLink(options, { kind: 'users', title: '用户列表', caller, args: {} }, 50_001)).toThrow(
      '符合条件的有 50001 条，超过单次导出上限 50000 条，请缩小筛选范围后分批导出',
    );
    expect(exportLink(options, { kind: 'users', title: '用户列表', caller, args: {} }, 13).fileName).toBe(
      '用户列表-20261202.xlsx',
    );
  });
});

async function workbookFrom(rows: { name: string; note: string; n: number }[][]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  async function* batches() {
    for (const batch of rows) yield batch;
  }
  const count = await writeListWorkbook(
    out,
    {
      title: '测试列表 A&B',
      subtitle: '筛选：全部',
      columns: [
        { header: '名称', value: (r) => r.name },
        { header: '备注', value: (r) => r.note },
        { header: '数量', value: (r) => r.n, numeric: true },
      ],
    },
    batches(),
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return { count, sheet: workbook.worksheets[0] };
}

describe('list workbooks', () => {
  it('measure CJK characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('黄石市')).toBe(6);
    expect(displayWidth('（１）')).toBe(6);
  });

  it('print on A4 fitted to the width, header repeated, title and page numbers on every page', async () => {
    const long = '很长的备注'.repeat(30);
    const { count, sheet } = await workbookFrom([
      [
        { name: '黄石港区项目', note: '短', n: 1 },
        { name: 'b', note: long, n: 2 },
      ],
      [{ name: 'c', note: '第二批', n: 3 }],
    ]);
    expect(count).toBe(3);
    expect(sheet.getCell('A1').value).toBe('测试列表 A&B');
    expect(sheet.getRow(3).values).toEqual([undefined, '名称', '备注', '数量']);
    expect(sheet.getCell('C6').value).toBe(3);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sheet.headerFooter.oddHeader).toContain('测试列表 A&&B');
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
    expect(sheet.getColumn(1).width).toBe(displayWidth('黄石港区项目') + 2);
    expect(sheet.getColumn(2).width).toBeLessThanOrEqual(50);
    expect(sheet.getCell('B5').alignment.wrapText).toBe(true);
  });

  it('say so when nothing matched', async () => {
    const { count, sheet } = await workbookFrom([]);
    expect(count).toBe(0);
    expect(sheet.getCell('A4').value).toBe('（无符合条件的记录）');
  });
});
