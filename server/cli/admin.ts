import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { emailField, nameField, newPasswordField } from "../../app/features/accounts/schemas";
import { ROLES } from "../../app/domain/vocabulary";
import { audit } from "../../db/audit.server";
import { agencyOrganizationId } from "../../db/organizations.server";
import { createUser } from "../../db/users.server";
import { runCli } from "./context";

const USAGE = `usage:
  npm run admin -- create-user --role official|admin|oem_admin|oem_buyer|supplier_admin|supplier_member
                               --email EMAIL --name NAME [--password PASSWORD] [--org ORGANIZATION_ID]
  npm run admin -- list-users
Officials and administrators join the agency organization unless --org names another.
Without --password a random one is generated and printed once.`;

const createSchema = z.object({
  role: z.enum(ROLES),
  email: emailField,
  name: nameField(100),
  password: newPasswordField,
  org: z.uuid().optional(),
});

await runCli(async ({ db }, argv) => {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { role: { type: "string" }, email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, org: { type: "string" } },
  });
  if (command === "list-users") {
    const users = await db.selectFrom("users as u").innerJoin("organizations as o", "o.id", "u.organization_id").select(["u.email", "u.role", "o.name_zh"]).orderBy("u.created_at").execute();
    for (const u of users) console.log(`${u.role.padEnd(16)} ${u.email.padEnd(40)} ${u.name_zh}`);
    return;
  }
  if (command !== "create-user") throw new Error(USAGE);
  const generated = values.password ? undefined : `${crypto.randomBytes(12).toString("base64url")}`;
  const parsed = createSchema.safeParse({ ...values, password: values.password ?? generated });
  if (!parsed.success) {
    throw new Error(`${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n")}\n\n${USAGE}`);
  }
  const input = parsed.data;
  const organizationId = input.org ?? (input.role === "official" || input.role === "admin" ? await agencyOrganizationId(db) : undefined);
  if (!organizationId) throw new Error(`--org is required for role ${input.role}\n\n${USAGE}`);
  const id = await createUser(db, { organizationId, email: input.email, displayName: input.name, role: input.role, password: input.password });
  await audit(db, { action: "user_created", organizationId, subjectType: "user", subjectId: id, detail: { role: input.role, via: "cli" } });
  console.log(`created ${input.role} ${input.email}${generated ? ` with password ${generated}` : ""}`);
});
