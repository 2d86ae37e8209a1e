import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { Env } from '../config/env';

/** How long start-up waits for Redis before serving with per-instance state (it keeps reconnecting). */
const CONNECT_WAIT_MS = 3000;

/**
 * The Redis that every instance shares when REDIS_URL is set. Each caller passes what to do without it, so a missing
 * or unreachable Redis means per-instance state (logged once per outage), never a failed request.
 */
@Injectable()
export class SharedState implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SharedState');
  private readonly redis?: Redis;
  private readonly subscriber?: Redis;
  private readonly listeners = new Map<string, (() => void)[]>();
  private readonly prefix: string;
  private outage = false;

  constructor(env: Env) {
    this.prefix = env.REDIS_KEY_PREFIX;
    if (!env.REDIS_URL) {
      return;
    }
    const options: RedisOptions = {
      keyPrefix: this.prefix,
      // Fail at once while disconnected (the caller falls back) instead of queueing requests behind Redis.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2000),
    };
    this.redis = new Redis(env.REDIS_URL, options);
    this.redis.on('error', (error: Error) => this.unavailable(error));
    this.redis.on('ready', () => this.back());
    // A subscribed connection serves nothing else; it re-subscribes by itself after a reconnection.
    this.subscriber = new Redis(env.REDIS_URL, { ...options, keyPrefix: undefined, enableOfflineQueue: true });
    this.subscriber.on('error', (error: Error) => this.unavailable(error));
    // Messages sent while it was away are lost: every listener drops what it cached.
    this.subscriber.on('ready', () => this.listeners.forEach((fns) => fns.forEach((fn) => fn())));
    this.subscriber.on('message', (channel: string) =>
      this.listeners.get(channel.slice(this.prefix.length))?.forEach((fn) => fn()),
    );
  }

  get shared(): boolean {
    return this.redis !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis || this.redis.status === 'ready') {
      return;
    }
    const redis = this.redis;
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), CONNECT_WAIT_MS);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready) {
      this.unavailable(new Error(`no answer within ${CONNECT_WAIT_MS} ms`));
    }
  }

  /** Runs `shared` against Redis when it is there and answers; otherwise (or on any Redis error) `local`. */
  async run<T>(shared: (redis: Redis) => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    if (this.redis?.status === 'ready') {
      try {
        const result = await shared(this.redis);
        this.back();
        return result;
      } catch (error) {
        this.unavailable(error as Error);
      }
    } else if (this.redis) {
      this.unavailable(new Error(`connection ${this.redis.status}`));
    }
    return local();
  }

  /** Tells every instance (this one included) that `channel`'s data changed. */
  notify(channel: string): void {
    this.listeners.get(channel)?.forEach((fn) => fn());
    void this.run(
      (redis) => redis.publish(this.prefix + channel, '1'),
      () => 0,
    );
  }

  /** `fn` runs when any instance calls notify(channel), and after a lost connection to Redis comes back. */
  listen(channel: string, fn: () => void): void {
    const fns = this.listeners.get(channel) ?? [];
    this.listeners.set(channel, [...fns, fn]);
    if (!fns.length) {
      this.subscriber?.subscribe(this.prefix + channel).catch((error: Error) => this.unavailable(error));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const connection of [this.redis, this.subscriber]) {
      await connection?.quit().catch(() => connection.disconnect());
    }
  }

  private unavailable(error: Error): void {
    if (!this.outage) {
      this.outage = true;
      this.logger.warn(
        `Redis is unreachable (${error.message}): rate limits, partner key changes and the search cache are per instance until it is back`,
      );
    }
  }

  private back(): void {
    if (this.outage) {
      this.outage = false;
      this.logger.log('Redis is reachable again: state is shared between instances');
    }
  }
}
