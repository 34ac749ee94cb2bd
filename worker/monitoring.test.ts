/**
 * The monitoring kit in docs/monitoring agrees with the code: Prometheus accepts the alert rules
 * (promtool, from Debian's prometheus package; CI installs it), and every metric the rules and the
 * Grafana dashboard ask for is one the worker exports.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const file = (path: string) => fileURLToPath(new URL(`../docs/monitoring/${path}`, import.meta.url));
const promtool = spawnSync('promtool', ['--version']).status === 0;
const exported = [...readFileSync(new URL('./metrics.ts', import.meta.url), 'utf8').matchAll(/name: '(otklik_[a-z0-9_]+)'/g)].map((m) => m[1]!);

/** Metric names an expression reads (otklik_… only; functions and labels aside). */
const metricsIn = (expr: string) => [...expr.matchAll(/\b(otklik_[a-z0-9_]+)/g)].map((m) => m[1]!);

describe('docs/monitoring', () => {
  it.runIf(promtool || process.env.CI)('alert rules pass promtool check rules', () => {
    const out = execFileSync('promtool', ['check', 'rules', file('alerts.yml')], { encoding: 'utf8' });
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('alert rules and dashboard read only metrics the worker exports', () => {
    expect(exported).toEqual(expect.arrayContaining(['otklik_queue_jobs', 'otklik_incidents_overdue', 'otklik_backup_last_success_timestamp_seconds']));
    const rules = (parse(readFileSync(file('alerts.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }).groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['OtklikWorkerDown', 'OtklikTelegramTokenRevoked', 'OtklikNetworkTokenRejected', 'OtklikPublicationsFailing', 'OtklikOverdueGrowing', 'OtklikBackupTooOld']),
    );
    const dashboard = JSON.parse(readFileSync(file('grafana-dashboard.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const used = [...rules.map((r) => r.expr), ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr))].flatMap(metricsIn);
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((m) => !exported.includes(m))).toEqual([]);
  });
});
