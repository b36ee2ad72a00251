import { z } from "zod";

// The Content-Security-Policy allows no eval (server/security-headers.ts). Zod 4 compiles
// object parsers with `new Function` when it may, and probes for that by trying when the
// first object schema is built: in the browser the probe is a reported CSP violation. So
// the browser uses Zod's interpreter, set before any schema is built: this module is the
// first import of app/root.tsx, the first route module the page loads. The server keeps
// the compiled parsers.
if (typeof document !== "undefined") z.config({ jitless: true });
