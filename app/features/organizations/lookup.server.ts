import type { DB } from "../../../db/connection.server";
import { findOrganizationsByRef, organizationsLike } from "../../../db/organizations.server";
import type { OrganizationKind } from "../../domain/vocabulary";

export interface OrganizationRef {
  id: string;
  kind: OrganizationKind;
  code: string | null;
  name_zh: string;
  name_en: string | null;
}

export type OrganizationLookup =
  | { status: "found"; organization: OrganizationRef }
  | { status: "ambiguous"; candidates: OrganizationRef[] }
  | { status: "not_found"; suggestions: OrganizationRef[] };

/**
 * The organization someone means on the command line: by id, by code (any case), or by
 * its Chinese or English name (English in any case). An id or code is unique; a name
 * shared by several organizations is ambiguous, and the candidates are listed.
 */
export async function lookUpOrganization(db: DB, ref: string): Promise<OrganizationLookup> {
  const text = ref.trim();
  const matches = text ? await findOrganizationsByRef(db, text) : [];
  const exact =
    matches.find((o) => o.id === text.toLowerCase()) ??
    matches.find((o) => o.code !== null && o.code === text.toUpperCase());
  if (exact) return { status: "found", organization: exact };
  if (matches.length === 1) return { status: "found", organization: matches[0]! };
  if (matches.length > 1) return { status: "ambiguous", candidates: matches };
  return { status: "not_found", suggestions: text ? await organizationsLike(db, text) : [] };
}

/** One line per organization, for the command line: kind, code, names, id. */
export function describeOrganization(o: OrganizationRef): string {
  return `${o.kind.padEnd(8)} ${(o.code ?? "-").padEnd(12)} ${o.name_zh}${o.name_en ? ` / ${o.name_en}` : ""}  (${o.id})`;
}

/** The id of the organization `ref` names; a clear error when it names none or several. */
export async function organizationIdOf(db: DB, ref: string): Promise<string> {
  const found = await lookUpOrganization(db, ref);
  if (found.status === "found") return found.organization.id;
  if (found.status === "ambiguous")
    throw new Error(
      `--org "${ref}" names ${found.candidates.length} organizations; give the code or the id of one:\n` +
        found.candidates.map((o) => `  ${describeOrganization(o)}`).join("\n"),
    );
  throw new Error(
    `--org "${ref}" names no organization` +
      (found.suggestions.length
        ? `; did you mean:\n${found.suggestions.map((o) => `  ${describeOrganization(o)}`).join("\n")}`
        : " (npm run admin -- list-orgs lists them)"),
  );
}
