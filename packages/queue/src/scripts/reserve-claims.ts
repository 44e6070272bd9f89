/**
 * Reserves claims for jobs, atomically: a claim whose mark names a job that is still waiting or
 * running, or a fresh reservation whose job is being added, is a duplicate; any other claim is
 * marked with its new job (`jobId@ms`) and returned. So one claim sent many times at once is queued
 * once, in one job.
 *
 * KEYS[1]: the pending-claims hash. ARGV[1]: the job key prefix (`<prefix>:claims:`), ARGV[2]: now
 * (ms), ARGV[3]: how long a reservation without its job counts as in progress (ms); then pairs of
 * claim id and job id. Returns the claim ids reserved.
 */
export const RESERVE_CLAIMS_SCRIPT = `
local out = {}
local now = tonumber(ARGV[2])
local fresh = tonumber(ARGV[3])
for i = 4, #ARGV, 2 do
  local id, job = ARGV[i], ARGV[i + 1]
  local cur = redis.call('HGET', KEYS[1], id)
  local free = true
  if cur then
    local curJob, at = string.match(cur, '^(.*)@(%d+)$')
    if not curJob then curJob = cur; at = '0' end
    local jobKey = ARGV[1] .. curJob
    if redis.call('EXISTS', jobKey) == 1 then
      if not redis.call('HGET', jobKey, 'finishedOn') then free = false end
    elseif now - tonumber(at) < fresh then
      free = false
    end
  end
  if free then
    redis.call('HSET', KEYS[1], id, job .. '@' .. ARGV[2])
    out[#out + 1] = id
  end
end
return out
`;

/** The job id of a claim's mark (`jobId@ms`, or a bare job id from before reservations). */
export const jobIdOfMark = (mark: string): string => {
  const at = mark.lastIndexOf('@');
  return at < 0 ? mark : mark.slice(0, at);
};

/**
 * Releases reservations whose job was never added: a claim still marked exactly as this request
 * marked it (`jobId@ms`), and whose job does not exist, is unmarked, so that sending it again queues
 * it rather than answering "duplicate".
 *
 * KEYS[1]: the pending-claims hash. ARGV[1]: the job key prefix, ARGV[2]: the reservation's ms;
 * then pairs of claim id and job id. Returns how many it released.
 */
export const RELEASE_CLAIMS_SCRIPT = `
local released = 0
for i = 3, #ARGV, 2 do
  local id, job = ARGV[i], ARGV[i + 1]
  if redis.call('HGET', KEYS[1], id) == job .. '@' .. ARGV[2] and redis.call('EXISTS', ARGV[1] .. job) == 0 then
    redis.call('HDEL', KEYS[1], id)
    released = released + 1
  end
end
return released
`;
