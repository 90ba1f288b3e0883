// login-timing: a failed login must take about as long whether the identifier is unknown, the
// username is unknown or only the password is wrong (no user enumeration by timing). Runs each
// kind of failure N times, interleaved, through the real handler with Argon2id, and prints the
// median of each and the largest ratio between them (goal: under 1.25).
import { createStorage } from 'unstorage';
import { createPortal, unstorageStore } from '@porchlight/server';

const N = Number(process.env.N ?? 40);
const apiKey = 'bench-key-0123456789abcdefghij';
const portal = createPortal({
  store: unstorageStore(createStorage()),
  mailer: { send: async () => undefined },
  dealer: { id: 'bench', name: 'Bench', apiKeys: [{ id: 'b', key: apiKey }] },
  // Limits off: this measures the work of a failure, not the throttle.
  rateLimits: { loginAddress: { max: 1e9, windowSeconds: 60 }, loginAccount: { max: 1e9, windowSeconds: 60 }, loginUser: { max: 1e9, windowSeconds: 60 } },
});
const call = async (path: string, body: unknown, method = 'POST') => {
  const res = await portal.request(path, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};
const account = (await call('/v1/admin/accounts', { name: 'Bench', identifier: '5550100' })).body;
await call(`/v1/admin/accounts/${account.id}/manager`, { username: 'manager', password: 'bench-temporary-pass' }, 'PUT');

const kinds = {
  unknown_identifier: { identifier: '99990000', username: 'manager', password: 'wrong password here' },
  unknown_username: { identifier: '5550100', username: 'nobody', password: 'wrong password here' },
  wrong_password: { identifier: '5550100', username: 'manager', password: 'wrong password here' },
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
// Warm up (the first verification creates the stand-in hash).
for (const body of Object.values(kinds)) await call('/v1/auth/login', body);
for (let i = 0; i < N; i++) {
  for (const [kind, body] of Object.entries(kinds)) {
    const t = performance.now();
    const r = await call('/v1/auth/login', body);
    times[kind]!.push(performance.now() - t);
    if (r.status !== 401) throw new Error(`${kind}: expected 401, got ${r.status}`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [`${k}_ms`, Number(median(v).toFixed(2))]));
const values = Object.values(medians);
const ratio = Number((Math.max(...values) / Math.min(...values)).toFixed(3));
console.log(JSON.stringify({ bench: 'login-timing', n: N, ...medians, max_ratio: ratio, goal_ratio: 1.25, within_goal: ratio <= 1.25 }));
