/** Dates, numbers and user agents the way people here read them. */

/** Every time the platform shows is Beijing time, whatever zone the phone or PC is set to. */
export const BEIJING_TIME_ZONE = 'Asia/Shanghai';

const beijingParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BEIJING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Beijing wall-clock fields of an instant (hour 0–23). */
function beijingFields(d: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of beijingParts.formatToParts(d))
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  return out;
}

/** "2026-11-24 09:05:03" in Beijing time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const f = beijingFields(d);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}

/** The hour (0–23) it is in Beijing at an instant. */
export const beijingHour = (d: Date = new Date()) => Number(beijingFields(d).hour);

export function formatDate(value: string | Date | null | undefined): string {
  return formatDateTime(value).slice(0, 10);
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value == null) return '';
  return value.toLocaleString('zh-CN', { maximumFractionDigits: digits });
}

export { shortUserAgent } from '@hs/labels';

/** Values the server masked contain '*': never send them back as if they were real. */
export const isMasked = (value: string | null | undefined) => Boolean(value && value.includes('*'));
