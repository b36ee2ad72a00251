import type { OrganizationKind, Role } from "./vocabulary";

/** The roles a user of each kind of organization may hold. */
export const ROLES_BY_KIND: Record<OrganizationKind, Role[]> = {
  supplier: ["supplier_member", "supplier_admin"],
  oem: ["oem_buyer", "oem_admin"],
  agency: ["official", "admin"],
};

export function roleFitsOrganization(role: Role, kind: OrganizationKind): boolean {
  return ROLES_BY_KIND[kind].includes(role);
}

export const ORG_ADMIN_ROLES: Role[] = ["supplier_admin", "oem_admin"];

/** What an organization's API token acts as: the organization's ordinary member role. */
export function tokenRole(kind: OrganizationKind): Role {
  return kind === "supplier" ? "supplier_member" : kind === "oem" ? "oem_buyer" : "official";
}
