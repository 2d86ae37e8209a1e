import { Global, Module } from '@nestjs/common';
import { MailController } from './mail.controller';
import { MailQueue } from './mail-queue';
import { MailRenderer } from './mail-renderer';
import { MailTokens } from './mail-tokens';
import { MailTransport } from './mail-transport';
import { MailWorker } from './mail-worker';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';

/** Mail: the outbox queue, templates, the SMTP (or embedded file) transport and the worker that sends. */
@Global()
@Module({
  controllers: [MailController],
  providers: [MailQueue, MailTokens, MailRenderer, MailTransport, MailWorker, MailRepository, MailService],
  exports: [MailQueue, MailTokens, MailWorker],
})
export class MailModule {}
