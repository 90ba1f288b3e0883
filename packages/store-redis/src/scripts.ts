/**
 * The Lua scripts behind every write. Each one runs atomically inside Redis (no other command
 * from any connection runs in between), which is what makes insert-if-absent, compare-and-set,
 * delete-if-version and the fixed-window counter atomic across any number of processes.
 *
 * Every key a script touches is passed in KEYS (never built inside the script), as Redis asks
 * of scripts, and all keys of one store share the hash tag `{prefix}`, so they live in one
 * slot.
 *
 * Layout (see README.md): a Store key `K` lives in the hash `{prefix}:k:K` with the fields
 *   v  the version,
 *   j  the JSON text of a value, or
 *   b  raw bytes, or
 *   n  a counter;
 * `{prefix}:index` is a sorted set of every key holding a JSON value, all with score 0, so
 * ZRANGEBYLEX walks them in byte order; `{prefix}:expiry` scores the keys of JSON values that
 * have a TTL with their expiry time (ms), so index members left behind by expired values can be
 * found without scanning.
 */

/** Conflict answers of the put and delete scripts. */
export const CONFLICT = -1;

/**
 * put: KEYS value, index, expiry. ARGV mode ('-' unconditional, 'a' only if absent, 'v' only if
 * version), expected version, new version, JSON text, ttl ms ('0': none), key, expiry score.
 * Answers 1, or CONFLICT having written nothing.
 */
export const PUT = `
local value, index, expiry = KEYS[1], KEYS[2], KEYS[3]
local mode = ARGV[1]
if mode == 'a' then
  if redis.call('EXISTS', value) == 1 then return ${CONFLICT} end
elseif mode == 'v' then
  if redis.call('HGET', value, 'v') ~= ARGV[2] then return ${CONFLICT} end
end
redis.call('DEL', value)
redis.call('HSET', value, 'v', ARGV[3], 'j', ARGV[4])
local ttl = tonumber(ARGV[5])
if ttl > 0 then
  redis.call('PEXPIRE', value, ttl)
  redis.call('ZADD', expiry, ARGV[7], ARGV[6])
else
  redis.call('ZREM', expiry, ARGV[6])
end
redis.call('ZADD', index, 0, ARGV[6])
return 1
`;

/**
 * delete: KEYS value, index, expiry. ARGV mode ('-' unconditional, 'v' only if version),
 * expected version, key. Answers 1 (deleted), 0 (nothing there) or CONFLICT.
 */
export const DELETE = `
local value, index, expiry = KEYS[1], KEYS[2], KEYS[3]
if ARGV[1] == 'v' and redis.call('HGET', value, 'v') ~= ARGV[2] then return ${CONFLICT} end
local deleted = redis.call('DEL', value)
redis.call('ZREM', index, ARGV[3])
redis.call('ZREM', expiry, ARGV[3])
return deleted
`;

/**
 * putBytes: KEYS value. ARGV version, bytes, ttl ms ('0': none). The index is left alone: a key
 * that held a JSON value before (which the port forbids anyway) leaves an index member without
 * a JSON value, which list and sweep skip and remove.
 */
export const PUT_BYTES = `
local value = KEYS[1]
redis.call('DEL', value)
redis.call('HSET', value, 'v', ARGV[1], 'b', ARGV[2])
local ttl = tonumber(ARGV[3])
if ttl > 0 then redis.call('PEXPIRE', value, ttl) end
return 1
`;

/**
 * increment: KEYS value. ARGV amount, window ms. The first increment creates the hash and
 * starts the window; later ones leave the expiry alone (a fixed window). A counter found
 * without an expiry gets one, so a rate limit can never stick for ever.
 */
export const INCREMENT = `
local value = KEYS[1]
local count = redis.call('HINCRBYFLOAT', value, 'n', ARGV[1])
if redis.call('PTTL', value) < 0 then redis.call('PEXPIRE', value, ARGV[2]) end
return count
`;

/** read: KEYS value keys. Answers version and JSON text of each, flat: v1, j1, v2, j2, … (nil for none). */
export const READ = `
local out = {}
for i, value in ipairs(KEYS) do
  local fields = redis.call('HMGET', value, 'v', 'j')
  out[2 * i - 1] = fields[1]
  out[2 * i] = fields[2]
end
return out
`;

/**
 * prune: KEYS value, index, expiry. ARGV key. Removes the key from the index and the expiry set
 * unless it holds a JSON value again (checked here, atomically, so a value written since the
 * caller looked is never unlisted). Answers 1 if it removed something.
 */
export const PRUNE = `
local value, index, expiry = KEYS[1], KEYS[2], KEYS[3]
if redis.call('HEXISTS', value, 'j') == 1 then return 0 end
local removed = redis.call('ZREM', index, ARGV[1]) + redis.call('ZREM', expiry, ARGV[1])
if removed > 0 then return 1 end
return 0
`;
