import { describe, expect, it } from "vitest";
import { leavesNoAdmin } from "../../app/features/accounts/admins";
import { AUDIT_SUBJECT_TYPES } from "../../app/domain/vocabulary";
import {
  auditActionKey,
  auditSubjectKey,
  NOTIFICATION_KINDS,
  notificationKey,
} from "../../app/features/accounts/labels";
import { AUDIT_ACTIONS } from "../../app/domain/vocabulary";
import { LANGS, translate } from "../../app/lib/i18n";

describe("the last-admin rule", () => {
  const members = [
    { id: "a", role: "supplier_admin" as const },
    { id: "m", role: "supplier_member" as const },
  ];
  it("refuses to demote or remove the only admin", () => {
    expect(leavesNoAdmin(members, "a", "supplier_member")).toBe(true);
    expect(leavesNoAdmin(members, "a", null)).toBe(true);
  });
  it("allows keeping the admin an admin, and changes to anybody else", () => {
    expect(leavesNoAdmin(members, "a", "supplier_admin")).toBe(false);
    expect(leavesNoAdmin(members, "m", "supplier_admin")).toBe(false);
    expect(leavesNoAdmin(members, "m", null)).toBe(false);
  });
  it("allows demoting one of two admins", () => {
    const two = [...members, { id: "b", role: "supplier_admin" as const }];
    expect(leavesNoAdmin(two, "a", "supplier_member")).toBe(false);
    expect(leavesNoAdmin(two, "a", null)).toBe(false);
  });
  it("does not invent an admin where there was none", () => {
    expect(leavesNoAdmin([{ id: "m", role: "supplier_member" }], "m", null)).toBe(false);
  });
});

describe("codes shown on the accounts pages", () => {
  it("every audit action has a message in both languages that is not the code", () => {
    for (const action of AUDIT_ACTIONS) {
      const key = auditActionKey(action);
      expect(key).toBe(`audit.action.${action}`);
      for (const lang of LANGS) {
        const text = translate(lang, key);
        expect(text.trim()).not.toBe("");
        expect(text).not.toContain(action);
      }
    }
    expect(auditActionKey("no_such_action")).toBe("audit.action.other");
  });
  it("every subject type and notification kind has a message in both languages", () => {
    for (const type of AUDIT_SUBJECT_TYPES)
      for (const lang of LANGS) expect(translate(lang, auditSubjectKey(type))).not.toContain(type);
    for (const kind of NOTIFICATION_KINDS)
      for (const lang of LANGS) expect(translate(lang, notificationKey(kind), { title: "T" })).toContain("T");
    expect(notificationKey("unknown")).toBe("notif.other");
  });
  it("names the imports' audit subjects (they showed as 'Other')", () => {
    expect(auditSubjectKey("supplier_import")).toBe("audit.subject.supplier_import");
    expect(auditSubjectKey("ledger_import")).toBe("audit.subject.ledger_import");
    expect(translate("en", auditSubjectKey("ledger_import"))).toBe("Procurement import");
  });
});
