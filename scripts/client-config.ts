/**
 * Prints a ready MCP client config for this checkout, so nobody hand-edits absolute paths:
 *   npm run --silent config -- claude|vscode|cursor [--docker] [--image NAME] [--dev]
 * The JSON goes to stdout (pipe it or paste it); where to put it goes to stderr.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENTS = ['claude', 'vscode', 'cursor'] as const;
type ClientName = (typeof CLIENTS)[number];

const SERVER_KEY = 'graphql-ops';
const DEFAULT_IMAGE = 'graphql-ops-mcp';
const USAGE = `usage: npm run --silent config -- <${CLIENTS.join('|')}> [--docker] [--image NAME] [--dev]
  claude   Claude Desktop (claude_desktop_config.json)
  vscode   VS Code (.vscode/mcp.json), prompting for the endpoint and the key
  cursor   Cursor (.cursor/mcp.json), reading the endpoint and the key from your environment
  --docker run the container image instead of this checkout's build (docker build -t ${DEFAULT_IMAGE} .)
  --image  the image to run with --docker (default ${DEFAULT_IMAGE})
  --dev    run the developer loop (npm run dev) instead: tools follow operations/ and schema/ live`;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtServer = path.join(projectRoot, 'dist', 'src', 'main.js');
/** The dev loop's launcher: plain node, nothing on stdout but the protocol (npm would print its banner there). */
const devLauncher = path.join(projectRoot, 'codegen', 'dev', 'dev.mjs');

interface Options {
  client: ClientName;
  docker: boolean;
  image: string;
  dev: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' {
  let client: ClientName | undefined;
  let docker = false;
  let image = DEFAULT_IMAGE;
  let dev = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--docker') docker = true;
    else if (arg === '--dev') dev = true;
    else if (arg === '--image' || arg.startsWith('--image=')) {
      const value = arg === '--image' ? argv[++index] : arg.slice('--image='.length);
      if (!value) throw new UsageError('--image needs an image name, e.g. --image ghcr.io/your-org/graphql-ops-mcp:0.1.0');
      image = value;
      docker = true;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (client) throw new UsageError(`one client at a time: got "${client}" and "${arg}"`);
    else if ((CLIENTS as readonly string[]).includes(arg.toLowerCase())) client = arg.toLowerCase() as ClientName;
    else throw new UsageError(`unknown client "${arg}": use one of ${CLIENTS.join(', ')}`);
  }
  if (!client) throw new UsageError(`which client? use one of ${CLIENTS.join(', ')}`);
  if (dev && docker) throw new UsageError('--dev runs this checkout\'s developer loop; it cannot be combined with --docker');
  return { client, docker, image, dev };
}

/** How the client starts the server; env names listed with -e are passed through to the container. */
function launch(options: Options, envNames: string[]): { command: string; args: string[] } {
  if (options.docker) {
    // `-e NAME` without a value copies it from the client's environment, so the key is not in argv.
    return { command: 'docker', args: ['run', '-i', '--rm', ...envNames.flatMap((name) => ['-e', name]), options.image] };
  }
  // Absolute paths: GUI clients do not start with your shell's PATH or working directory.
  return { command: process.execPath, args: [options.dev ? devLauncher : builtServer] };
}

function clientConfig(options: Options): object {
  switch (options.client) {
    case 'claude': {
      // Claude Desktop has no variable substitution: the values are written into its config file.
      const env = { GRAPHQL_ENDPOINT: 'https://api.example.com/graphql', API_KEY: 'your-api-key' };
      return { mcpServers: { [SERVER_KEY]: { ...launch(options, Object.keys(env)), env } } };
    }
    case 'vscode': {
      // VS Code asks once and keeps the answers in its secret storage; empty answers mean the demo API.
      const env = { GRAPHQL_ENDPOINT: '${input:graphql-endpoint}', API_KEY: '${input:graphql-api-key}' };
      return {
        inputs: [
          { type: 'promptString', id: 'graphql-endpoint', description: 'GraphQL API URL (leave empty for the embedded demo API)' },
          { type: 'promptString', id: 'graphql-api-key', description: 'API key for the GraphQL API (sent as a Bearer token)', password: true },
        ],
        servers: { [SERVER_KEY]: { type: 'stdio', ...launch(options, Object.keys(env)), env } },
      };
    }
    case 'cursor': {
      // Cursor substitutes ${env:NAME} from the environment it was started in.
      const env = { GRAPHQL_ENDPOINT: '${env:GRAPHQL_ENDPOINT}', API_KEY: '${env:GRAPHQL_API_KEY}' };
      return { mcpServers: { [SERVER_KEY]: { ...launch(options, Object.keys(env)), env } } };
    }
  }
}

const WHERE: Record<ClientName, string> = {
  claude:
    'Merge into claude_desktop_config.json (macOS: ~/Library/Application Support/Claude/, Windows: %APPDATA%\\Claude\\), ' +
    'replace the placeholder endpoint and key (or drop "env" to try the demo API), then restart Claude Desktop.',
  vscode: 'Save as .vscode/mcp.json in your workspace (or merge into your user mcp.json); VS Code prompts for the endpoint and key on first start.',
  cursor: 'Save as .cursor/mcp.json in your project or ~/.cursor/mcp.json; set GRAPHQL_ENDPOINT and GRAPHQL_API_KEY in the environment Cursor starts from.',
};

function main(argv: string[]): number {
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`client-config: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  process.stdout.write(`${JSON.stringify(clientConfig(options), null, 2)}\n`);
  process.stderr.write(`${WHERE[options.client]}\n`);
  if (options.dev) process.stderr.write('Developer loop: edit operations/ or schema/ and the client gets the new tools (notifications/tools/list_changed).\n');
  if (!options.docker && !options.dev && !existsSync(builtServer)) {
    process.stderr.write(`Note: ${builtServer} does not exist yet: run npm ci (or npm run build) in ${projectRoot} first.\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
