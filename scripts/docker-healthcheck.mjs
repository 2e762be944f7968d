// The container image's HEALTHCHECK (plain JavaScript: the runtime image has no tsx).
// HTTP mode (TRANSPORT=http or the --http flag): healthy when GET /health answers 200 in time.
// stdio mode: there is no port to probe and the container lives exactly as long as its client's
// stdin, so it is healthy while it runs.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

const TIMEOUT_MS = 4000;

function httpMode() {
  const transport = (process.env.TRANSPORT ?? '').trim().toLowerCase();
  let argv = [];
  try {
    // The server's arguments (PID 1, or the child of docker --init, whose own argv holds them).
    argv = readFileSync('/proc/1/cmdline', 'utf8').split('\0');
  } catch {
    // not Linux, or /proc hidden: fall back to TRANSPORT alone
  }
  if (argv.includes('--stdio')) return false;
  return argv.includes('--http') || transport === 'http';
}

if (!httpMode()) process.exit(0);

// A wildcard listen address is reachable on loopback; a specific one only on itself.
const listen = process.env.HOST?.trim();
const host = !listen || ['0.0.0.0', '::', '[::]'].includes(listen) ? '127.0.0.1' : listen.replace(/^\[(.*)\]$/, '$1');
const port = Number(process.env.PORT?.trim() || 8080);
// With ALLOWED_HOSTS set the server answers 403 to any other Host header, this probe included.
const allowedHost = process.env.ALLOWED_HOSTS?.split(',').map((entry) => entry.trim()).find(Boolean);
const shown = `http://${host.includes(':') ? `[${host}]` : host}:${port}/health`;

const req = request(
  { host, port, path: '/health', timeout: TIMEOUT_MS, headers: allowedHost ? { host: `${allowedHost}:${port}` } : {} },
  (response) => {
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => (body += chunk));
    response.on('end', () => {
      console.log(`${shown} -> ${response.statusCode} ${body.slice(0, 500)}`);
      process.exit(response.statusCode === 200 ? 0 : 1);
    });
  },
);
req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
req.on('error', (error) => {
  console.log(`${shown} -> ${error.code ?? error.message}`);
  process.exit(1);
});
req.end();
