import { useState } from "react";
import { compareYuanDecimal } from "../domain/money";
import type { Table } from "../features/dashboard/tables";

/** A table whose columns sort on click (with JavaScript); a plain table without. */
export function SortableTable({ table }: { table: Table }) {
  const [sort, setSort] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  const rows = sort
    ? [...table.rows].sort((a, b) => {
        const cx = a[sort.col]!;
        const x = cx.value;
        const y = b[sort.col]!.value;
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        // Money is exact decimal text: compared as amounts, not as strings.
        if (cx.money && typeof x === "string" && typeof y === "string") return compareYuanDecimal(x, y) * sort.dir;
        return (x < y ? -1 : 1) * sort.dir;
      })
    : table.rows;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={`table-${table.id}`}>
        <thead>
          <tr>
            {table.headers.map((h, i) => (
              <th
                key={h}
                className={i > 0 ? "num" : undefined}
                aria-sort={sort?.col === i ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
              >
                <button
                  type="button"
                  className="sort"
                  onClick={() => setSort({ col: i, dir: sort?.col === i && sort.dir === 1 ? -1 : 1 })}
                >
                  {h}
                  {sort?.col === i ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className={j > 0 ? "num" : undefined} data-value={c.value ?? ""}>
                  {c.display}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
