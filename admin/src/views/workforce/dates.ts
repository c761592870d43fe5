/** Beijing-time calendar dates (YYYY-MM-DD), the way the server counts attendance days. */
export function beijingDate(offsetDays = 0, now = new Date()): string {
  const shifted = new Date(now.getTime() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(shifted);
}

/** 0.8731 -> "87.3%"; null (nobody registered) -> "—". */
export function percent(rate: number | null | undefined): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
