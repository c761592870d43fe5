import { badInput } from '../errors.js';

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?(;[\w-]+=[\w.-]+)*;base64,([A-Za-z0-9+/\s]*={0,2})$/;

/**
 * The bytes of a base64 data URL, refused before decoding when the text is longer than
 * `maxBytes` could be. The declared type is ignored: callers check the content.
 */
export function decodeDataUrl(
  dataUrl: unknown,
  options: { field: string; maxBytes: number; what: string; expected: string },
): Buffer {
  const { field, maxBytes, what, expected } = options;
  if (typeof dataUrl !== 'string' || dataUrl.trim() === '') throw badInput(`${what}不能为空`, field);
  const tooLarge = () => badInput(`${what}过大：不能超过 ${Math.round(maxBytes / 1024)} KB`, field);
  if (dataUrl.length > Math.ceil((maxBytes * 4) / 3) + 200) throw tooLarge();
  const m = DATA_URL.exec(dataUrl.trim());
  if (!m) throw badInput(`${what}格式无效：应为 ${expected} 的 data URL`, field);
  const bytes = Buffer.from(m[3].replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0) throw badInput(`${what}不能为空`, field);
  if (bytes.length > maxBytes) throw tooLarge();
  return bytes;
}
