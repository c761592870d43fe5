/**
 * A push-to-pull bridge: upstream pushes, one consumer pulls. Unlike an async generator,
 * `close()` takes effect at once even while the consumer is waiting for the next item, so a
 * client leaving releases its upstream subscription immediately, not at the next event.
 */
export class EventQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: { resolve: (r: IteratorResult<T, undefined>) => void; reject: (e: unknown) => void }[] = [];
  private ending: { error?: unknown } | null = null;
  private closed = false;
  /** Items dropped because the consumer fell more than `capacity` behind. */
  dropped = 0;

  constructor(private readonly capacity: number) {}

  get isClosed(): boolean {
    return this.closed;
  }

  push(item: T): void {
    if (this.closed || this.ending) return;
    const waiter = this.waiters.shift();
    if (waiter) return waiter.resolve({ value: item, done: false });
    if (this.items.length >= this.capacity) {
      this.items.shift();
      this.dropped++;
    }
    this.items.push(item);
  }

  /** No more items; the consumer gets what is buffered, then the end (or `error`, thrown). */
  end(error?: unknown): void {
    if (this.closed || this.ending) return;
    this.ending = error === undefined ? {} : { error };
    if (this.items.length === 0) this.settleWaiters();
  }

  /** The consumer is gone: drop everything, finish any waiting pull. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.items.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    if (this.ending) {
      const { error } = this.ending;
      this.closed = true;
      return 'error' in this.ending ? Promise.reject(error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private settleWaiters(): void {
    const ending = this.ending!;
    for (const waiter of this.waiters.splice(0)) {
      this.closed = true;
      if ('error' in ending) waiter.reject(ending.error);
      else waiter.resolve({ value: undefined, done: true });
    }
  }
}
