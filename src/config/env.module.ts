import { DynamicModule, Global, Module } from '@nestjs/common';
import { Env } from './env';

/** Makes the validated environment injectable as `Env` everywhere. */
@Global()
@Module({})
export class EnvModule {
  static forRoot(env: Env): DynamicModule {
    return { module: EnvModule, providers: [{ provide: Env, useValue: env }], exports: [Env] };
  }
}
