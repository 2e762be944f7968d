import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { githubOperationFiles } from './github-operations.js';
import { projectRoot } from './paths.js';
import { buildTempProject, type TempProject } from './temp-project.js';

/** The server snapshots the benchmark runs. */
export interface BenchProjects {
  /** As shipped: the demo schema and its 6 operations. */
  demo: TempProject;
  /** The demo schema with 1,000 tools (the 6 plus copies of search_providers): HTTP per-request cost at scale. */
  demo1000: TempProject;
  github10: TempProject;
  github1000: TempProject;
}

export async function buildBenchProjects(github: { file: string; schema: GraphQLSchema }, log: (line: string) => void): Promise<BenchProjects> {
  const build = async (name: string, make: () => Promise<TempProject>) => {
    const project = await make();
    log(project.cached ? `  ${name}: unchanged, reused` : `  ${name}: built (codegen ${seconds(project.codegenMs)}, build ${seconds(project.buildMs)})`);
    return project;
  };
  return {
    demo: await build('demo (6 tools)', () => buildTempProject('demo')),
    demo1000: await build('demo schema, 1,000 tools', () => buildDemoProject(1000)),
    github10: await build('GitHub schema, 10 tools', () => buildGithubProject(github, 10)),
    github1000: await build('GitHub schema, 1,000 tools', () => buildGithubProject(github, 1000)),
  };
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * `count` generated operations on GitHub's schema, through the real `npm run codegen && npm run
 * build`, with a codegen.ts that maps GitHub's custom scalars.
 */
function buildGithubProject(github: { file: string; schema: GraphQLSchema }, count: number): Promise<TempProject> {
  const codegenTs = [
    "import { makeCodegenConfig } from './codegen/make-config.js';",
    `import { GITHUB_SCALARS } from ${JSON.stringify(path.join(projectRoot, 'bench/github-scalars.ts'))};`,
    "export default makeCodegenConfig({ schema: 'schema/schema.graphql', operations: 'operations', outputDir: 'generated', scalars: GITHUB_SCALARS });",
    // Setup, not measured here: the lint only prints advice.
    'export const lint = false;',
    '',
  ].join('\n');
  return buildTempProject(`github-${count}`, { schemaFile: github.file, operations: githubOperationFiles(github.schema, count), codegenTs });
}

/** The shipped operations plus renamed copies of search-providers, up to `count` tools. */
function buildDemoProject(count: number): Promise<TempProject> {
  const shipped = ['appointments/cancel-appointment', 'appointments/create-appointment', 'appointments/list-appointments', 'patients/get-patient', 'patients/search-patients', 'providers/search-providers'];
  const operations: Record<string, string> = {};
  for (const file of shipped) operations[`${file}.graphql`] = readFileSync(path.join(projectRoot, 'operations', `${file}.graphql`), 'utf8');
  const template = operations['providers/search-providers.graphql'];
  for (let i = 1; Object.keys(operations).length < count; i++) {
    const suffix = String(i).padStart(4, '0');
    operations[`copies/search-providers-${suffix}.graphql`] = template.replace('query SearchProviders(', `query SearchProvidersCopy${suffix}(`);
  }
  // The shipped codegen.ts (its scalars), without the lint: setup, not measured here.
  const shippedCodegen = readFileSync(path.join(projectRoot, 'codegen.ts'), 'utf8');
  const codegenTs = /^export const lint\b/m.test(shippedCodegen)
    ? shippedCodegen.replace(/^export const lint\b[^]*$/m, 'export const lint = false;\n')
    : `${shippedCodegen}\nexport const lint = false;\n`;
  return buildTempProject(`demo-${count}`, { schemaFile: path.join(projectRoot, 'schema/schema.graphql'), operations, codegenTs });
}
