import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { loadCommonPasswords } from "../../app/auth/common-passwords.server";
import { DomainError } from "../../app/domain/errors";
import { createUser } from "../../app/features/accounts/organizations.server";
import { createUserSchema } from "../../app/features/accounts/schemas";
import { describeOrganization, organizationIdOf } from "../../app/features/organizations/lookup.server";
import { rebuildChainCells } from "../../db/chain.server";
import { listOrganizations } from "../../db/organizations.server";
import { listAllUsers } from "../../db/users.server";
import { runCli } from "./context";

const USAGE = `usage:
  npm run admin -- create-user --role official|admin|oem_admin|oem_buyer|supplier_admin|supplier_member
                               --email EMAIL --name NAME [--password PASSWORD] [--org ORGANIZATION]
  npm run admin -- list-users
  npm run admin -- list-orgs [--kind oem|supplier|agency]
  npm run admin -- rebuild-chain-map
ORGANIZATION is a code (FAW), a Chinese or English name (一汽解放汽车有限公司), or an id.
Officials and administrators join the agency organization unless --org names another.
Without --password a random one is generated and printed once.
rebuild-chain-map recomputes the chain map's supplier cells from the registry (they are
kept current on their own; this is for after a restore or a manual repair).`;

await runCli(async ({ db, search }, argv) => {
  await loadCommonPasswords();
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      role: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      org: { type: "string" },
      kind: { type: "string" },
    },
  });
  if (command === "list-users") {
    for (const u of await listAllUsers(db))
      console.log(`${u.role.padEnd(16)} ${u.email.padEnd(40)} ${u.name_zh}${u.deactivated_at ? " (deactivated)" : ""}`);
    return;
  }
  if (command === "list-orgs") {
    const kind = values.kind;
    if (kind !== undefined && kind !== "oem" && kind !== "supplier" && kind !== "agency")
      throw new Error(`--kind must be oem, supplier or agency\n\n${USAGE}`);
    for (const o of await listOrganizations(db, kind, 10_000)) console.log(describeOrganization(o));
    return;
  }
  if (command === "rebuild-chain-map") {
    const started = Date.now();
    const done = await rebuildChainCells(db);
    console.log(`chain map: ${done} categories recomputed in ${Date.now() - started} ms`);
    return;
  }
  if (command !== "create-user") throw new Error(USAGE);
  const org = values.org === undefined ? undefined : await organizationIdOf(db, values.org);
  const generated = values.password ? undefined : `${crypto.randomBytes(12).toString("base64url")}`;
  const parsed = createUserSchema.safeParse({ ...values, org, password: values.password ?? generated });
  if (!parsed.success) {
    throw new Error(`${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n")}\n\n${USAGE}`);
  }
  const input = parsed.data;
  try {
    // From the command line: no actor, no client address.
    await createUser({ db, search, ip: null }, null, input);
  } catch (err) {
    if (err instanceof DomainError) {
      const what =
        err.code === "organization_required"
          ? `--org is required for role ${input.role}`
          : err.field
            ? `--${err.field}: ${err.code}`
            : err.code;
      throw new Error(`${what}\n\n${USAGE}`);
    }
    throw err;
  }
  console.log(`created ${input.role} ${input.email}${generated ? ` with password ${generated}` : ""}`);
});
