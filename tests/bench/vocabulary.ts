import type { DB } from "../../db/connection.server";
import { pinyinForms } from "../../search/documents.server";

const chinese = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * The words a text gives an index, approximately as Meilisearch's tokenizer does: runs of
 * Han characters cut into dictionary words (ICU's dictionary here, jieba's in Meilisearch),
 * every other run of letters and digits as one lower-case word.
 */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(run)) {
      for (const s of chinese.segment(run)) if (s.isWordLike) out.push(s.segment);
    } else out.push(run.toLowerCase());
  }
  return out;
}

/**
 * The directory's vocabulary over the suppliers' names: distinct words of the Chinese and
 * English names and of the pinyin forms the index is given (search/documents.server.ts).
 * Products, processes and category names come from the bounded category and process lists.
 */
export async function nameVocabulary(db: DB) {
  const sets = { name_zh: new Set<string>(), name_en: new Set<string>(), name_pinyin: new Set<string>() };
  const all = new Set<string>();
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("organizations")
      .select(["id", "name_zh", "name_en"])
      .where("kind", "=", "supplier")
      .where("id", ">", after || "00000000-0000-0000-0000-000000000000")
      .orderBy("id")
      .limit(20_000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const add = (field: keyof typeof sets, text: string) => {
        for (const w of wordsOf(text)) {
          sets[field].add(w);
          all.add(w);
        }
      };
      add("name_zh", r.name_zh);
      add("name_en", r.name_en ?? "");
      add("name_pinyin", pinyinForms(r.name_zh));
    }
    after = rows[rows.length - 1]!.id;
  }
  return {
    words: all.size,
    byField: Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, v.size])) as Record<keyof typeof sets, number>,
  };
}
