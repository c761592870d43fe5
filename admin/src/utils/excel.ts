/** Excel export with exceljs, loaded only when someone exports. */
export interface ExcelColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | Date | null | undefined;
}

export async function downloadExcel<T>(
  fileName: string,
  sheetName: string,
  columns: ExcelColumn<T>[],
  rows: T[],
  title?: string,
) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '黄石市建筑业一体化监管平台';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
  if (title) {
    sheet.addRow([title]);
    sheet.mergeCells(1, 1, 1, columns.length);
    const cell = sheet.getCell(1, 1);
    cell.font = { bold: true, size: 14 };
    cell.alignment = { horizontal: 'center' };
  }
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F5' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? 16;
  });
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? ''));
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
