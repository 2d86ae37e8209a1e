import { buildWebAssets, describeOutput } from './build-assets';

buildWebAssets().then(
  (manifest) => console.log(`Web assets in ${describeOutput()}: ${Object.values(manifest).join(', ')}, embeds`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
