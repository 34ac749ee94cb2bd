import { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * BullMQ's production checklist: workers need `maxRetriesPerRequest: null`
 * (a blocking call must wait out a Redis restart, not fail), and every
 * connection needs an error listener or a Redis blip crashes the process.
 */
export function connectRedis(url: string, log: Logger, name: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectionName: `otklik-${name}` });
  redis.on('error', (err) => log.warn({ err: err.message, connection: name }, 'redis connection error'));
  return redis;
}
