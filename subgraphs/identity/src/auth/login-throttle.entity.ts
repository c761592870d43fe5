import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failure counts for login names that belong to nobody. An unknown name is counted and locked
 * exactly like a real account, so the answers (tries left, locked) never tell whether it exists.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey({ type: 'string', length: 64 })
  username!: string;

  @Property({ type: 'integer' })
  failedCount: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
