import { hmacSm3 } from '@hs/kit';

/**
 * The plan's random source. The 32-byte seed comes from `crypto.randomBytes` (a CSPRNG) when the
 * plan is drawn and is stored with the plan; every random choice is then derived from it
 * deterministically with HMAC-SM3 in counter mode (an HMAC-DRBG in spirit, on the 国密 hash):
 *
 *   block_i = HMAC-SM3(seed, "<stream>#<i>")
 *
 * so nobody can predict a draw before the seed exists, and anyone holding the plan can replay it
 * exactly. Each catalogue item draws from its own stream (its code), so one item's draw never
 * depends on how many numbers another item consumed.
 */
export interface DrawRng {
  /** A uniform integer in [0, n). */
  below(n: number): number;
}

export const SEED_HEX = /^[0-9a-f]{64}$/;

const BITS = 48;
const RANGE = 2 ** BITS;

export function seededRng(seedHex: string, stream: string): DrawRng {
  if (!SEED_HEX.test(seedHex)) throw new Error('seededRng: the seed must be 64 lower-case hex characters');
  let counter = 0;
  let pool: string[] = [];
  const next48 = (): number => {
    if (pool.length === 0) {
      const block = hmacSm3(seedHex, `${stream}#${counter++}`);
      // 256 bits → five 48-bit integers (the last 16 bits are dropped).
      pool = [0, 1, 2, 3, 4].map((i) => block.slice(i * 12, i * 12 + 12));
    }
    return parseInt(pool.shift()!, 16);
  };
  return {
    below(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > RANGE) throw new Error(`seededRng.below: bad bound ${n}`);
      // Rejection sampling: no modulo bias.
      const limit = RANGE - (RANGE % n);
      for (;;) {
        const x = next48();
        if (x < limit) return x % n;
      }
    },
  };
}

/** k distinct elements of `list` (k ≤ length), by a partial Fisher–Yates shuffle. */
export function drawDistinct<T>(list: readonly T[], k: number, rng: DrawRng): T[] {
  const pool = [...list];
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.below(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
