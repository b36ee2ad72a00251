import type { OrganizationKind, Role } from "./vocabulary";
import { ORG_ADMIN_ROLES } from "./roles";

/** Who is asking: a signed-in user, or an organization's API token. */
export interface Actor {
  userId: string | null;
  organizationId: string;
  organizationKind: OrganizationKind;
  role: Role;
  via: "session" | "token";
  displayName: string;
  sessionId?: string;
}

export type Action =
  | "account.read"
  | "account.password.change"
  | "account.notifications.change"
  | "account.signOut"
  | "org.members.read"
  | "org.members.manage"
  | "org.tokens.manage"
  | "audit.read"
  | "admin.organizations.manage"
  | "supplier.verify"
  | "supplier.profile.edit"
  | "supplier.private.read"
  | "supplier.import"
  | "api.me"
  | "api.suppliers.read"
  | "api.suppliers.verify"
  | "demand.list"
  | "demand.create"
  | "demand.manage"
  | "demand.read"
  | "match.respond"
  | "opportunities.read"
  | "notifications.read"
  | "dashboard.read"
  | "ledger.import"
  | "ledger.read"
  | "ledger.reverse"
  | "entrant.project.record";

/** The organization a resource belongs to, when the action is on one. */
export interface Resource {
  organizationId?: string;
}

const sessionOnly = (a: Actor) => a.via === "session";
const sameOrg = (a: Actor, r?: Resource) => r?.organizationId === undefined || r.organizationId === a.organizationId;
const isOrgAdmin = (a: Actor) => ORG_ADMIN_ROLES.includes(a.role);
const isOfficial = (a: Actor) => a.role === "official" || a.role === "admin";

const RULES: Record<Action, (actor: Actor, resource?: Resource) => boolean> = {
  "account.read": sessionOnly,
  "account.password.change": sessionOnly,
  "account.notifications.change": sessionOnly,
  "account.signOut": sessionOnly,
  "org.members.read": (a, r) => sessionOnly(a) && isOrgAdmin(a) && sameOrg(a, r),
  "org.members.manage": (a, r) => sessionOnly(a) && isOrgAdmin(a) && sameOrg(a, r),
  "org.tokens.manage": (a, r) => sessionOnly(a) && isOrgAdmin(a) && sameOrg(a, r),
  "audit.read": (a) => sessionOnly(a) && (a.role === "official" || a.role === "admin"),
  "admin.organizations.manage": (a) => sessionOnly(a) && a.role === "admin",
  "supplier.verify": (a) => sessionOnly(a) && (a.role === "official" || a.role === "admin"),
  "supplier.profile.edit": (a, r) => sessionOnly(a) && a.organizationKind === "supplier" && sameOrg(a, r),
  // Contacts, customers and capacity: the supplier itself, OEMs, officials and admins.
  "supplier.private.read": (a, r) => a.organizationKind !== "supplier" || sameOrg(a, r),
  "supplier.import": (a) => sessionOnly(a) && (a.role === "official" || a.role === "admin"),
  "api.me": () => true,
  "api.suppliers.read": () => true,
  // The queue's decisions over the API: officials' sessions and the agency's own tokens.
  "api.suppliers.verify": isOfficial,
  "demand.list": (a) => a.organizationKind === "oem" || isOfficial(a),
  "demand.create": (a) => a.organizationKind === "oem",
  // Buyers manage their own OEM's demands and matches; nobody else does.
  "demand.manage": (a, r) => a.organizationKind === "oem" && r?.organizationId === a.organizationId,
  // OEM: own demands; officials: all; suppliers: the route also checks visibility and fit.
  "demand.read": (a, r) => (a.organizationKind === "oem" ? r?.organizationId === a.organizationId : true),
  "match.respond": (a, r) => a.organizationKind === "supplier" && sameOrg(a, r),
  "opportunities.read": (a) => a.organizationKind === "supplier",
  "notifications.read": sessionOnly,
  // Officials and admins: the whole province; OEM users: their own organization (the route scopes).
  "dashboard.read": (a) => isOfficial(a) || a.organizationKind === "oem",
  "ledger.import": (a) => a.role === "oem_admin" || (a.via === "token" && a.organizationKind === "oem"),
  // Entries: officials and admins all, OEM users and tokens their own OEM's (the use case scopes).
  "ledger.read": (a) => isOfficial(a) || a.organizationKind === "oem",
  "ledger.reverse": (a, r) =>
    a.role === "admin" ||
    ((a.role === "oem_admin" || (a.via === "token" && a.organizationKind === "oem")) && sameOrg(a, r)),
  // The production project of a new entrant (issue 15): officials and administrators, signed in.
  "entrant.project.record": (a) => sessionOnly(a) && isOfficial(a),
};

/** The one answer to "may this actor do this action on this resource?". Anonymous: never. */
export function can(actor: Actor | null, action: Action, resource?: Resource): boolean {
  if (!actor) return false;
  return RULES[action](actor, resource);
}
