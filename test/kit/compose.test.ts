// No Docker engine runs where the tests run, so `docker compose config` cannot check the production
// files; this checks their shape and that they agree with the code they start.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

type Service = Record<string, unknown> & {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;

// The compose specification's service keys that this file may use; a typo ("depend_on") is silently ignored by nothing but this.
const SERVICE_KEYS = new Set([
  'build', 'command', 'cpu_shares', 'depends_on', 'env_file', 'environment', 'healthcheck', 'image', 'init', 'logging', 'mem_limit', 'ports', 'restart', 'volumes',
]);

describe('docker-compose.yml', () => {
  it('has exactly the five services, each restarting unless stopped, its logs rotated, with known keys only', () => {
    expect(Object.keys(compose).filter((key) => !key.startsWith('x-')).sort()).toEqual(['services', 'volumes']);
    expect(Object.keys(services).sort()).toEqual(['backup', 'bots', 'postgres', 'redis', 'worker']);
    for (const [name, service] of Object.entries(services)) {
      expect(Object.keys(service).filter((key) => !SERVICE_KEYS.has(key)), name).toEqual([]);
      expect(service.restart, name).toBe('unless-stopped');
      expect(service.logging, name).toMatchObject({ driver: 'json-file', options: { 'max-size': '10m' } });
    }
  });

  it('keeps PostgreSQL and Redis data in named volumes, Redis with AOF and noeviction', () => {
    expect(services.postgres?.image).toBe('postgres:17');
    expect(services.postgres?.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(services.redis?.image).toMatch(/^redis:7/);
    expect(services.redis?.volumes).toContain('redis-data:/data');
    expect(services.redis?.command?.join(' ')).toContain('--appendonly yes');
    expect(services.redis?.command?.join(' ')).toContain('--maxmemory-policy noeviction');
    expect(Object.keys(compose.volumes).sort()).toEqual(['backups', 'postgres-data', 'redis-data']);
  });

  it('checks the health of everything that is waited for, and of bots and the worker through /healthz', () => {
    expect(services.postgres?.healthcheck?.test).toContain('pg_isready');
    expect(services.redis?.healthcheck?.test.join(' ')).toContain('redis-cli ping');
    expect(services.bots?.healthcheck?.test.join(' ')).toContain('/healthz');
    expect(services.worker?.healthcheck?.test.join(' ')).toContain('WORKER_HTTP_PORT || 8081');
    for (const name of ['bots', 'worker', 'backup']) {
      const dependsOn = services[name]?.depends_on ?? {};
      expect(dependsOn, name).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      for (const dependency of Object.keys(dependsOn)) expect(services[dependency]?.healthcheck, dependency).toBeDefined();
    }
  });

  it('builds bots and worker from this Dockerfile and runs existing commands of the compiled CLI', () => {
    const registry = read('shared/cli/main.ts');
    // `otklik` is the package's bin (bin/otklik.js, which runs dist/ when built), linked onto the image's PATH.
    expect((JSON.parse(read('package.json')) as { bin: Record<string, string> }).bin).toEqual({ otklik: 'bin/otklik.js' });
    expect(read('Dockerfile')).toMatch(/^RUN ln -s \/app\/bin\/otklik\.js \/usr\/local\/bin\/otklik$/m);
    for (const name of ['bots', 'worker']) {
      const service = services[name]!;
      expect(service.build, name).toBe('.');
      expect(service.command, name).toEqual(['otklik', name]);
      expect(existsSync(new URL(`../../shared/cli/commands/${name}.ts`, import.meta.url)), name).toBe(true);
      expect(registry, name).toMatch(new RegExp(`^\\s*${name}: \\{`, 'm'));
    }
    // Published on loopback only, behind the reverse proxy; the worker's port not at all.
    expect(services.bots?.ports).toEqual(['127.0.0.1:8080:${HTTP_PORT:-8080}']);
    expect(services.worker?.ports).toBeUndefined();
    expect(services.worker?.environment).toMatchObject({ WORKER_HTTP_HOST: '0.0.0.0', OTKLIK_BACKUP_DIR: '/backups' });
    expect(services.backup?.command?.join(' ')).toContain('otklik backup --out /backups/');
    expect(services.worker?.volumes).toContain('backups:/backups:ro');
  });

  it('points bots and worker at the compose services and the mounted organisation file', () => {
    for (const name of ['bots', 'worker']) {
      const service = services[name]!;
      expect(service.env_file, name).toBe('.env');
      const env = service.environment ?? {};
      expect(new URL(env.DATABASE_URL!.replace(/\$\{[^}]*\}/, 'secret')).host, name).toBe('postgres:5432');
      expect(env.REDIS_URL, name).toBe('redis://redis:6379');
      expect(service.volumes, name).toContain(`./org.yaml:${env.OTKLIK_ORG}:ro`);
    }
    // The database the URL names is the one the postgres service creates.
    expect(services.postgres?.environment).toMatchObject({ POSTGRES_USER: 'otklik', POSTGRES_DB: 'otklik' });
  });
});
