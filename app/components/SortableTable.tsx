import { Link } from "@remix-run/react";
import { useState } from "react";
import { compareYuanDecimal } from "../domain/money";
import type { Cell, Table } from "../features/dashboard/tables";

/** A cell's content: a link to the next level of a drill-down, or its text; the exact figure as a tooltip. */
function CellContent({ c }: { c: Cell }) {
  return c.href ? (
    <Link to={c.href} title={c.title} prefetch="intent">
      {c.display}
    </Link>
  ) : (
    <>{c.display}</>
  );
}

/**
 * A table whose columns sort on click (with JavaScript); a plain table without. It scrolls
 * inside its container with its first column held (sticky); a total row stays first.
 */
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
    <div className="table-scroll dash-scroll" tabIndex={0} role="region" aria-label={table.title}>
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
          {table.total ? (
            <tr className="total-row" data-testid={`total-${table.id}`}>
              {table.total.map((c, j) => (
                <td key={j} className={j > 0 ? "num" : undefined} data-value={c.value ?? ""} title={c.title}>
                  <CellContent c={c} />
                </td>
              ))}
            </tr>
          ) : null}
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className={j > 0 ? "num" : undefined} data-value={c.value ?? ""} title={c.title}>
                  <CellContent c={c} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
