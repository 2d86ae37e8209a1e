import { OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { SharedState } from './shared-state';

/** The throttler's counters in Redis when it is there; in this process's memory when it is not. */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly local = new ThrottlerStorageService();
  private redisStorage?: ThrottlerStorageRedisService;

  constructor(private readonly state: SharedState) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttler: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    return this.state.run(
      (redis) => {
        this.redisStorage ??= new ThrottlerStorageRedisService(redis);
        return this.redisStorage.increment(key, ttl, limit, blockDuration, throttler);
      },
      () => this.local.increment(key, ttl, limit, blockDuration, throttler),
    );
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }
}
