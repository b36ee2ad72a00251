import type { Role } from "../../domain/vocabulary";

/** The roles that can manage an organization's members (the platform admin included). */
export const ADMIN_ROLES: readonly Role[] = ["supplier_admin", "oem_admin", "admin"];

export function isAdminRole(role: Role): boolean {
  return ADMIN_ROLES.includes(role);
}

/**
 * The last-admin rule, for a role change (`newRole`) or a removal (`newRole` null): an
 * organization that has an admin must keep one. True when the change would leave none.
 */
export function leavesNoAdmin(
  members: readonly { id: string; role: Role }[],
  userId: string,
  newRole: Role | null,
): boolean {
  const admins = members.filter((m) => isAdminRole(m.role)).length;
  const othersAdmins = members.filter((m) => m.id !== userId && isAdminRole(m.role)).length;
  const stillAdmin = newRole !== null && isAdminRole(newRole) ? 1 : 0;
  return admins > 0 && othersAdmins + stillAdmin === 0;
}
