import { describe, expect, it } from "vitest";
import {
  BUILT_IN_COMMON_PASSWORDS,
  checkPassword,
  commonPasswordList,
  commonPasswords,
  installCommonPasswords,
  passwordContextProblem,
} from "../../app/domain/password";
import { passwordsOf } from "../../app/auth/common-passwords.server";
import { can, type Actor } from "../../app/domain/policy";
import { roleFitsOrganization, tokenRole } from "../../app/domain/roles";

const actor = (over: Partial<Actor>): Actor => ({
  userId: "u1",
  organizationId: "org-a",
  organizationKind: "supplier",
  role: "supplier_member",
  via: "session",
  displayName: "x",
  ...over,
});

describe("authorization policy", () => {
  it("denies everything to anonymous users", () => {
    for (const action of ["account.read", "org.members.read", "audit.read", "api.me"] as const)
      expect(can(null, action)).toBe(false);
  });

  it("lets org admins manage only their own organization", () => {
    const admin = actor({ role: "supplier_admin" });
    expect(can(admin, "org.members.manage", { organizationId: "org-a" })).toBe(true);
    expect(can(admin, "org.members.manage", { organizationId: "org-b" })).toBe(false);
    expect(can(actor({ role: "supplier_member" }), "org.members.manage", { organizationId: "org-a" })).toBe(false);
  });

  it("gives officials audit reading and verification but no account administration", () => {
    const official = actor({ role: "official", organizationKind: "agency" });
    expect(can(official, "audit.read")).toBe(true);
    expect(can(official, "supplier.verify")).toBe(true);
    expect(can(official, "admin.organizations.manage")).toBe(false);
    expect(can(actor({ role: "admin", organizationKind: "agency" }), "admin.organizations.manage")).toBe(true);
  });

  it("holds API tokens to their organization's member role, never to account management", () => {
    const token = actor({ via: "token", userId: null, role: tokenRole("oem"), organizationKind: "oem" });
    expect(token.role).toBe("oem_buyer");
    expect(can(token, "api.suppliers.verify")).toBe(false);
    const agencyToken = actor({ via: "token", userId: null, role: tokenRole("agency"), organizationKind: "agency" });
    expect(can(agencyToken, "api.suppliers.verify")).toBe(true);
    expect(can(agencyToken, "supplier.verify")).toBe(false);
    const supplierToken = actor({ via: "token", userId: null, role: tokenRole("supplier") });
    expect(can(supplierToken, "api.suppliers.verify")).toBe(false);
    expect(can(token, "api.me")).toBe(true);
    expect(can(token, "org.tokens.manage")).toBe(false);
    expect(can(token, "account.password.change")).toBe(false);
  });

  it("fits roles to organization kinds", () => {
    expect(roleFitsOrganization("oem_buyer", "oem")).toBe(true);
    expect(roleFitsOrganization("oem_buyer", "supplier")).toBe(false);
    expect(roleFitsOrganization("official", "agency")).toBe(true);
  });
});

describe("password rules", () => {
  it("asks for 10 characters and refuses common passwords", () => {
    expect(checkPassword("short")).toBe("too_short");
    expect(checkPassword("1234567890")).toBe("too_common");
    expect(checkPassword("Woaini1314")).toBe("too_common");
    expect(checkPassword("qwertyuiop")).toBe("too_common");
    expect(checkPassword("aaaaaaaaaaaa")).toBe("too_common");
    expect(checkPassword("x".repeat(129))).toBe("too_long");
    expect(checkPassword("长春一汽配套2026!")).toBeNull();
    expect(checkPassword("correct horse battery")).toBeNull();
  });

  it("refuses the e-mail, its local part, the organization's and the product's names, dressed up or not", () => {
    const context = ["li.ming@faw.example", "一汽奥迪新能源汽车有限公司", "Audi FAW NEV"];
    expect(checkPassword("li.ming@faw.example", context)).toBe("too_personal");
    expect(checkPassword("LiMing20262026", context)).toBe("too_personal");
    expect(checkPassword("一汽奥迪新能源汽车有限公司", context)).toBe("too_personal");
    expect(checkPassword("AudiFAWNEV-2026!", context)).toBe("too_personal");
    expect(checkPassword("Peitao2026!!")).toBe("too_personal");
    expect(checkPassword("配套!!2026-2026")).toBe("too_personal");
    // Containing a word is not being it: passphrases stay allowed.
    expect(checkPassword("li ming rides the 2026 train", context)).toBeNull();
    expect(checkPassword("peitao-demo-2026")).toBeNull();
    expect(passwordContextProblem("x".repeat(12), ["x@example.com"])).toBeNull();
  });

  it("takes an installed list of common passwords on top of the built-in one", () => {
    try {
      expect(checkPassword("hunter2hunter2")).toBeNull();
      installCommonPasswords(commonPasswordList(["Hunter2Hunter2"], "test list"));
      expect(commonPasswords()).toMatchObject({ source: "test list", size: 1 });
      expect(checkPassword("HUNTER2hunter2")).toBe("too_common");
      // The built-in list still applies.
      expect(checkPassword("1qaz2wsx3edc")).toBe("too_common");
    } finally {
      installCommonPasswords(BUILT_IN_COMMON_PASSWORDS);
    }
  });

  it("finds the list in a package's dictionary, whatever the version calls it", () => {
    expect(passwordsOf({ dictionary: { passwords: ["a", "b"] } })).toEqual(["a", "b"]);
    expect(passwordsOf({ default: { dictionary: { "passwords-common": ["c"] } } })).toEqual(["c"]);
    expect(passwordsOf({ dictionary: { diceware: ["d"] } })).toBeNull();
    expect(passwordsOf(null)).toBeNull();
  });
});
