import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from '../src/node-flags';

const read = (file: string) => readFileSync(join(__dirname, '..', file), 'utf8');

describe('the Node.js flags of the service', () => {
  it('should be the ones npm start runs it with', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    // exec: npm passes a SIGTERM to the script's shell, which must have become the service to pass it on.
    expect(scripts['start:prod']).toBe(`exec node ${NODE_FLAGS.join(' ')} dist/src/main.js`);
    expect(scripts.start).toMatch(/&& exec npm run start:prod$/);
  });

  it('should be the ones the container runs it with', () => {
    const command = JSON.stringify(['node', ...NODE_FLAGS, 'dist/src/main.js']);
    expect(read('Dockerfile')).toContain(`CMD ${command.replace(/,/g, ', ')}`);
  });
});
