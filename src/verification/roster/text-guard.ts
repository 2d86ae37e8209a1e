import { HttpStatus } from '@nestjs/common';
import { Transform, TransformCallback } from 'node:stream';
import { ProblemException } from '../../common/problem';

/** Counts bytes (for the limit and progress bars), refuses binary data and decodes UTF-8 with CRLF turned into LF. */
export class TextGuard extends Transform {
  private bytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private pendingCr = false;

  constructor(
    private readonly limit: number,
    private readonly onBytes?: (bytes: number) => void,
  ) {
    super({ decodeStrings: true, readableObjectMode: true });
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    if (this.bytes > this.limit) {
      return done(
        new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, `A roster may be at most ${this.limit / 1024 / 1024} MB.`),
      );
    }
    if (chunk.includes(0)) {
      return done(binaryProblem());
    }
    let text: string;
    try {
      text = (this.pendingCr ? '\r' : '') + this.decoder.decode(chunk, { stream: true });
    } catch {
      return done(binaryProblem());
    }
    this.pendingCr = text.endsWith('\r');
    done(null, (this.pendingCr ? text.slice(0, -1) : text).replace(/\r\n?/g, '\n'));
  }

  _flush(done: TransformCallback): void {
    done(null, this.pendingCr ? '\n' : '');
  }
}

const binaryProblem = () =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'The roster is not UTF-8 CSV text (binary data found).');
