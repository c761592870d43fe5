import { randomInt } from 'node:crypto';

/**
 * The graphical login captcha (等级保护 level 3, 身份鉴别: 登录失败后增加图形验证码), drawn here as
 * an SVG document, no image library. The characters are NOT `<text>` elements (their letters
 * would sit in the markup for any script to read): each one is a polyline glyph from the small
 * stroke font below, jittered vertex by vertex, rotated, scaled and baked into absolute path
 * coordinates, then mixed in random order with noise curves, strokes and dots of similar colours.
 * Pure apart from the random source, which tests replace.
 */

/** Characters that cannot be mistaken for one another (no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B). */
export const CAPTCHA_ALPHABET = '2345679ACDEFHJKMNPRTUVWXY';
export const CAPTCHA_LENGTH = 4;
export const CAPTCHA_WIDTH = 120;
export const CAPTCHA_HEIGHT = 40;

type Point = readonly [number, number];
/** Strokes on a 4 × 6 grid (x right, y down). */
const GLYPHS: Record<string, readonly (readonly Point[])[]> = {
  '2': [
    [
      [0, 1],
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 2],
      [0, 6],
      [4, 6],
    ],
  ],
  '3': [
    [
      [0, 0],
      [4, 0],
      [2, 2.5],
      [3, 2.5],
      [4, 3.5],
      [4, 5],
      [3, 6],
      [1, 6],
      [0, 5],
    ],
  ],
  '4': [
    [
      [3, 6],
      [3, 0],
      [0, 4],
      [4, 4],
    ],
  ],
  '5': [
    [
      [4, 0],
      [0, 0],
      [0, 2.5],
      [3, 2.5],
      [4, 3.5],
      [4, 5],
      [3, 6],
      [1, 6],
      [0, 5],
    ],
  ],
  '6': [
    [
      [4, 1],
      [3, 0],
      [1, 0],
      [0, 1],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
      [4, 3.5],
      [3, 2.5],
      [1, 2.5],
      [0, 3.5],
    ],
  ],
  '7': [
    [
      [0, 0],
      [4, 0],
      [1.5, 6],
    ],
  ],
  '9': [
    [
      [4, 2.5],
      [3, 3.5],
      [1, 3.5],
      [0, 2.5],
      [0, 1],
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 5],
      [3, 6],
      [1, 6],
      [0, 5],
    ],
  ],
  A: [
    [
      [0, 6],
      [2, 0],
      [4, 6],
    ],
    [
      [0.7, 4],
      [3.3, 4],
    ],
  ],
  C: [
    [
      [4, 1],
      [3, 0],
      [1, 0],
      [0, 1],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
    ],
  ],
  D: [
    [
      [0, 0],
      [0, 6],
      [2.5, 6],
      [4, 4.5],
      [4, 1.5],
      [2.5, 0],
      [0, 0],
    ],
  ],
  E: [
    [
      [4, 0],
      [0, 0],
      [0, 6],
      [4, 6],
    ],
    [
      [0, 3],
      [3, 3],
    ],
  ],
  F: [
    [
      [4, 0],
      [0, 0],
      [0, 6],
    ],
    [
      [0, 3],
      [3, 3],
    ],
  ],
  H: [
    [
      [0, 0],
      [0, 6],
    ],
    [
      [4, 0],
      [4, 6],
    ],
    [
      [0, 3],
      [4, 3],
    ],
  ],
  J: [
    [
      [4, 0],
      [4, 5],
      [3, 6],
      [1, 6],
      [0, 5],
    ],
  ],
  K: [
    [
      [0, 0],
      [0, 6],
    ],
    [
      [4, 0],
      [0, 3.5],
    ],
    [
      [1.3, 2.7],
      [4, 6],
    ],
  ],
  M: [
    [
      [0, 6],
      [0, 0],
      [2, 3.5],
      [4, 0],
      [4, 6],
    ],
  ],
  N: [
    [
      [0, 6],
      [0, 0],
      [4, 6],
      [4, 0],
    ],
  ],
  P: [
    [
      [0, 6],
      [0, 0],
      [3, 0],
      [4, 1],
      [4, 2.5],
      [3, 3.5],
      [0, 3.5],
    ],
  ],
  R: [
    [
      [0, 6],
      [0, 0],
      [3, 0],
      [4, 1],
      [4, 2.5],
      [3, 3.5],
      [0, 3.5],
    ],
    [
      [2, 3.5],
      [4, 6],
    ],
  ],
  T: [
    [
      [0, 0],
      [4, 0],
    ],
    [
      [2, 0],
      [2, 6],
    ],
  ],
  U: [
    [
      [0, 0],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
      [4, 0],
    ],
  ],
  V: [
    [
      [0, 0],
      [2, 6],
      [4, 0],
    ],
  ],
  W: [
    [
      [0, 0],
      [1, 6],
      [2, 2.5],
      [3, 6],
      [4, 0],
    ],
  ],
  X: [
    [
      [0, 0],
      [4, 6],
    ],
    [
      [4, 0],
      [0, 6],
    ],
  ],
  Y: [
    [
      [0, 0],
      [2, 3],
    ],
    [
      [4, 0],
      [2, 3],
      [2, 6],
    ],
  ],
};

/** A source of randomness: `float()` in [0, 1), `int(n)` in [0, n). */
export interface CaptchaRandom {
  float(): number;
  int(n: number): number;
}

export const cryptoRandom: CaptchaRandom = {
  float: () => randomInt(0, 2 ** 32) / 2 ** 32,
  int: (n) => randomInt(0, n),
};

export function randomCaptchaText(random: CaptchaRandom = cryptoRandom, length = CAPTCHA_LENGTH): string {
  let text = '';
  for (let i = 0; i < length; i++) text += CAPTCHA_ALPHABET[random.int(CAPTCHA_ALPHABET.length)];
  return text;
}

/** What a person types, in the form the answer is stored: NFKC (full-width letters), no spaces, upper case. */
export const normaliseCaptchaAnswer = (value: string): string =>
  value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const between = (random: CaptchaRandom, min: number, max: number) => min + (max - min) * random.float();
const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

function colour(random: CaptchaRandom, lightness: [number, number]): string {
  const h = random.int(360);
  const s = 35 + random.int(40);
  const l = Math.round(between(random, lightness[0], lightness[1]));
  return `hsl(${h},${s}%,${l}%)`;
}

function shuffle<T>(items: T[], random: CaptchaRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** The SVG document for `text` (characters from CAPTCHA_ALPHABET). */
export function renderCaptchaSvg(text: string, random: CaptchaRandom = cryptoRandom): string {
  const width = CAPTCHA_WIDTH;
  const height = CAPTCHA_HEIGHT;
  const elements: string[] = [];
  const slot = (width - 12) / text.length;

  Array.from(text).forEach((char, index) => {
    const glyph = GLYPHS[char];
    if (!glyph) throw new Error(`captcha: no glyph for ${JSON.stringify(char)}`);
    const scale = between(random, 3.7, 4.6);
    const angle = (between(random, -28, 28) * Math.PI) / 180;
    const skew = between(random, -0.25, 0.25);
    const cx = 6 + slot * (index + 0.5) + between(random, -3, 3);
    const cy = height / 2 + between(random, -3, 3);
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const place = ([gx, gy]: Point): Point => {
      // Glyph centre at the origin, a little wobble per vertex, skew, scale, rotate, move.
      const x = (gx - 2 + between(random, -0.22, 0.22) + skew * (gy - 3)) * scale;
      const y = (gy - 3 + between(random, -0.22, 0.22)) * scale;
      return [cx + x * cos - y * sin, cy + x * sin + y * cos];
    };
    const d = glyph
      .map((stroke) =>
        stroke
          .map(place)
          .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fmt(x)} ${fmt(y)}`)
          .join(''),
      )
      .join('');
    elements.push(
      `<path d="${d}" fill="none" stroke="${colour(random, [18, 38])}" stroke-width="${fmt(between(random, 2.1, 2.9))}" stroke-linecap="round" stroke-linejoin="round"/>`,
    );
  });

  // Noise: curves across the whole picture, short strokes the size of a glyph's stroke, dots.
  for (let i = 0; i < 4; i++) {
    const p = () => `${fmt(between(random, 0, width))} ${fmt(between(random, 0, height))}`;
    elements.push(
      `<path d="M${fmt(between(random, -5, 10))} ${fmt(between(random, 0, height))}C${p()} ${p()} ${fmt(between(random, width - 10, width + 5))} ${fmt(between(random, 0, height))}" fill="none" stroke="${colour(random, [30, 60])}" stroke-width="${fmt(between(random, 0.8, 1.8))}"/>`,
    );
  }
  for (let i = 0; i < 6; i++) {
    const x = between(random, 0, width);
    const y = between(random, 0, height);
    const length = between(random, 4, 10);
    const a = between(random, 0, Math.PI * 2);
    elements.push(
      `<path d="M${fmt(x)} ${fmt(y)}L${fmt(x + length * Math.cos(a))} ${fmt(y + length * Math.sin(a))}" stroke="${colour(random, [35, 65])}" stroke-width="${fmt(between(random, 1, 2))}" stroke-linecap="round"/>`,
    );
  }
  for (let i = 0; i < 40; i++) {
    elements.push(
      `<circle cx="${fmt(between(random, 0, width))}" cy="${fmt(between(random, 0, height))}" r="${fmt(between(random, 0.4, 1.3))}" fill="${colour(random, [30, 70])}"/>`,
    );
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="${colour(random, [90, 96])}"/>` +
    shuffle(elements, random).join('') +
    `</svg>`
  );
}
