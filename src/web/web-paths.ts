import { join, resolve } from 'node:path';

// Compiled, this file runs as dist/src/web/web-paths.js; under ts-jest it runs from src/web.
const compiled = !__filename.endsWith('.ts');

export const PROJECT_ROOT = resolve(__dirname, compiled ? '../../..' : '../..');
/** Where `npm run build` writes the bundled browser code and styles, and where the server reads them from. */
export const WEB_DIST = join(PROJECT_ROOT, 'dist', 'web');
export const CLIENT_SOURCES = join(PROJECT_ROOT, 'src', 'web', 'client');
