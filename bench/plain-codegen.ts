/**
 * `tsx bench/plain-codegen.ts --config <file>`: GraphQL Code Generator alone (generate() with the
 * config, nothing before or after), the "plain codegen" the benchmark compares ours with. Same
 * runtime (tsx) and config loading as codegen/run.ts.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';

const configIndex = process.argv.indexOf('--config');
if (configIndex < 0) throw new Error('usage: plain-codegen.ts --config <file>');
const configFile = path.resolve(process.argv[configIndex + 1]);
const config = ((await import(pathToFileURL(configFile).href)) as { default: CodegenConfig }).default;
await generate(config, true);
