// `npm run build`: bundles the server into dist/src/main.js with esbuild, so that start-up loads a
// few files instead of hundreds from node_modules, and so that a build takes seconds even with a
// thousand tools (esbuild strips types; tsc's check of every tool against its Variables type is
// `npm run typecheck`, which CI runs). The demo API and the HTTP server stay separate chunks,
// loaded only when used; src/demo/serve.ts is a second entry. graphql and graphql-yoga
// stay external: the demo API hands graphql objects to yoga, which must share one graphql.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/src');
rmSync(path.join(root, 'dist'), { recursive: true, force: true });

await build({
  entryPoints: { main: path.join(root, 'src/main.ts'), 'demo/serve': path.join(root, 'src/demo/serve.ts') },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // OpenTelemetry loads only when OTEL_EXPORTER_OTLP_ENDPOINT is set: keep it out of the bundle.
  external: ['graphql', 'graphql-yoga', '@opentelemetry/*'],
  // Some bundled CommonJS code calls require(); give the ES module one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
