// http: requests per second of an authenticated "who am I" (GET /v1/auth/session, memory store)
// against a bare Hono hello, both through @hono/node-server in one child process, measured one
// after the other with autocannon (50 connections, DURATION seconds each). Prints the ratio.
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';

const duration = Number(process.env.DURATION ?? 8);
const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', new URL('./http-server.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
const ready = await new Promise<string>((resolve, reject) => {
  child.stdout!.on('data', (d) => {
    const line = String(d).split('\n').find((l) => l.startsWith('ready '));
    if (line) resolve(line);
  });
  child.on('exit', (code) => reject(new Error(`bench server exited ${code}`)));
});
const [, helloPort, portalPort, token] = ready.trim().split(' ');

const run = (url: string, headers: Record<string, string> = {}) =>
  autocannon({ url, connections: 50, duration, headers }) as unknown as Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;
try {
  await run(`http://127.0.0.1:${helloPort}/hello`).then(() => undefined); // warm-up
  const hello = await run(`http://127.0.0.1:${helloPort}/hello`);
  const whoami = await run(`http://127.0.0.1:${portalPort}/v1/auth/session`, { authorization: `Bearer ${token}` });
  if (whoami.non2xx || whoami.errors) throw new Error(`who-am-I answered ${whoami.non2xx} non-2xx and ${whoami.errors} errors`);
  console.log(
    JSON.stringify({
      bench: 'http',
      duration_s: duration,
      hello_rps: Math.round(hello.requests.average),
      whoami_rps: Math.round(whoami.requests.average),
      whoami_p99_ms: whoami.latency.p99,
      ratio_whoami_to_hello: Number((whoami.requests.average / hello.requests.average).toFixed(3)),
    }),
  );
} finally {
  child.kill();
}
