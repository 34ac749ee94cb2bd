import { describe, expect, it } from 'vitest';
import { loadOrg } from './org.js';
import { orgIndex } from './org-index.js';

const org = loadOrg(new URL('../../../examples/org.example.yaml', import.meta.url).pathname);
const index = orgIndex(org);

describe('orgIndex over the example', () => {
  it('finds staff and departments by id', () => {
    expect(index.staffById.get(201)?.name).toBe('Петров Пётр');
    expect(index.departmentsById.get('housing')?.chat).toBe(-1001000000010);
    expect(index.departmentsById.get('roads')?.chat).toBeUndefined();
  });

  it('gives roles, and none to strangers', () => {
    expect([...index.rolesOf(102)].sort()).toEqual(['admin', 'curator']);
    expect(index.rolesOf(999_999).size).toBe(0);
    expect(index.isCurator(101)).toBe(true);
    expect(index.isCurator(201)).toBe(false);
    expect(index.isHead(301)).toBe(true);
    expect(index.isDuty(401)).toBe(true);
    expect(index.isAdmin(501)).toBe(true);
    expect(index.hasRole(999_999, 'curator')).toBe(false);
  });

  it('lists staff by role and executors by department, in file order', () => {
    expect(index.staffWithRole('curator').map((s) => s.telegramId)).toEqual([101, 102]);
    expect(index.executorsOf('housing').map((s) => s.telegramId)).toEqual([202, 203]);
    expect(index.executorsOf('roads').map((s) => s.telegramId)).toEqual([201]);
    expect(index.executorsOf('nowhere')).toEqual([]);
  });

  it("finds a person's department", () => {
    expect(index.departmentOf(202)?.id).toBe('housing');
    expect(index.departmentOf(101)).toBeUndefined();
    expect(index.departmentOf(999_999)).toBeUndefined();
  });
});
