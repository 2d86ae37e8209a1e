import { Global, Module } from '@nestjs/common';
import { SharedState } from './shared-state';
import { SharedThrottlerStorage } from './shared-throttler-storage';

/** State shared by every instance through Redis (REDIS_URL), or kept per instance without it. */
@Global()
@Module({
  providers: [
    SharedState,
    {
      provide: SharedThrottlerStorage,
      inject: [SharedState],
      useFactory: (s: SharedState) => new SharedThrottlerStorage(s),
    },
  ],
  exports: [SharedState, SharedThrottlerStorage],
})
export class ClusterModule {}
