import type { DB } from "../../../db/connection.server";
import { ledgerSums } from "../../../db/ledger.server";
import { LOCALITY_BASES, type LocalityBasis } from "../../domain/vocabulary";
import { rate, rateIfAwardedLocally, sumsOn } from "../../domain/rates";

export interface WhatIf {
  year: number;
  fen: number;
  /** Per basis: the OEM's rate of the year now, and if `fen` more were bought locally. */
  rates: Record<LocalityBasis, { before: number | null; after: number | null }>;
}

/** How awarding `fen` to a local supplier would move an OEM's local supply rate in `year`. */
export async function whatIfAwardedLocally(db: DB, oemId: string, fen: number, year: number): Promise<WhatIf> {
  const [row] = await ledgerSums(db, [], { oemId, years: [year] });
  const rates = Object.fromEntries(
    LOCALITY_BASES.map((basis) => {
      const s = sumsOn(row, basis);
      return [basis, { before: rate(s), after: rateIfAwardedLocally(s, fen) }];
    }),
  ) as WhatIf["rates"];
  return { year, fen, rates };
}
