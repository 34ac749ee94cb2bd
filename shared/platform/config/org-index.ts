import type { Department, Org, Role, StaffMember } from './org-schema.js';

/** The lookups the bots make on every update, built once from a checked Org. */
export type OrgIndex = {
  org: Org;
  staffById: ReadonlyMap<number, StaffMember>;
  departmentsById: ReadonlyMap<string, Department>;
  /** Empty for anyone not in staff: strangers have no role. */
  rolesOf(telegramId: number): ReadonlySet<Role>;
  hasRole(telegramId: number, role: Role): boolean;
  isCurator(telegramId: number): boolean;
  isHead(telegramId: number): boolean;
  isDuty(telegramId: number): boolean;
  isAdmin(telegramId: number): boolean;
  /** Staff with the role, in file order. */
  staffWithRole(role: Role): StaffMember[];
  /** Executors of the department, in file order. */
  executorsOf(departmentId: string): StaffMember[];
  departmentOf(telegramId: number): Department | undefined;
};

const noRoles: ReadonlySet<Role> = new Set();

export function orgIndex(org: Org): OrgIndex {
  const staffById = new Map(org.staff.map((s) => [s.telegramId, s]));
  const departmentsById = new Map(org.departments.map((d) => [d.id, d]));
  const rolesById = new Map(org.staff.map((s) => [s.telegramId, new Set(s.roles) as ReadonlySet<Role>]));

  const rolesOf = (id: number) => rolesById.get(id) ?? noRoles;
  const hasRole = (id: number, role: Role) => rolesOf(id).has(role);
  return {
    org,
    staffById,
    departmentsById,
    rolesOf,
    hasRole,
    isCurator: (id) => hasRole(id, 'curator'),
    isHead: (id) => hasRole(id, 'head'),
    isDuty: (id) => hasRole(id, 'duty'),
    isAdmin: (id) => hasRole(id, 'admin'),
    staffWithRole: (role) => org.staff.filter((s) => s.roles.includes(role)),
    executorsOf: (departmentId) => org.staff.filter((s) => s.department === departmentId && s.roles.includes('executor')),
    departmentOf: (id) => {
      const dept = staffById.get(id)?.department;
      return dept === undefined ? undefined : departmentsById.get(dept);
    },
  };
}
