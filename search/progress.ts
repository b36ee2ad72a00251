/** How far a reindex or bulk load has got: documents indexed of the total, the rate, and the time left at that rate. */
export interface Progress {
  documents: number;
  total: number;
  elapsedMs: number;
}

/** One line for the operator: "45,000 / 100,000 documents (45%), 1,500 a second, about 37 s left". */
export function progressLine(p: Progress): string {
  const n = (x: number) => Math.round(x).toLocaleString("en");
  const share = p.total > 0 ? Math.min(100, Math.floor((p.documents / p.total) * 100)) : 100;
  const perSecond = p.elapsedMs > 0 ? (p.documents * 1000) / p.elapsedMs : 0;
  const left = Math.max(0, p.total - p.documents);
  const eta =
    left === 0 ? "done" : perSecond > 0 ? `about ${duration((left / perSecond) * 1000)} left` : "time left unknown";
  return `${n(p.documents)} / ${n(p.total)} documents (${share}%), ${n(perSecond)} a second, ${eta}`;
}

function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
