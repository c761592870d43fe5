import { z } from 'zod';

/**
 * Environment configuration, validated once at start so a wrong value stops the process
 * with a message that names the variable instead of failing later in a request.
 */
const secret = (name: string) => z.string({ required_error: `${name} 未设置` }).min(32, `${name} 至少 32 个字符`);

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url('DATABASE_URL 必须是 postgres:// 连接串'),
  /** HMAC key the router signs the forwarded caller with; every subgraph verifies it. */
  ROUTER_SIGNING_KEY: secret('ROUTER_SIGNING_KEY'),
  /** Key for access tokens (HS256), shared by identity (issues) and router (verifies). */
  AUTH_TOKEN_SECRET: secret('AUTH_TOKEN_SECRET'),
  /** SM4 key (32 hex chars) for 身份证号 / 手机号 at rest. */
  FIELD_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{32}$/, 'FIELD_ENCRYPTION_KEY 必须是 32 位十六进制 SM4 密钥'),
});

export type BaseConfig = z.infer<typeof baseSchema>;

export class ConfigError extends Error {}

export function loadConfig<T extends z.ZodRawShape = {}>(
  extra?: T,
  env: NodeJS.ProcessEnv = process.env,
): BaseConfig & z.infer<z.ZodObject<T>> {
  const schema = extra ? baseSchema.extend(extra) : baseSchema;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (configuration error):\n${lines.join('\n')}`);
  }
  return parsed.data as BaseConfig & z.infer<z.ZodObject<T>>;
}

export const portSchema = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
