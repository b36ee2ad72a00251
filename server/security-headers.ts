import crypto from "node:crypto";
import type express from "express";

// Response headers that tell browsers what a Peitao page may do (issue 13, finding 16).
//
// Content-Security-Policy, per response with a fresh nonce:
// - scripts: the app's own files (/build, 'self') and inline scripts carrying the nonce
//   (Remix's hydration data and module loader, scroll restoration; root.tsx passes the
//   nonce). No 'unsafe-inline', no 'unsafe-eval', so injected markup cannot run script,
//   and inline event handlers (onclick="…") never run: React attaches handlers from script.
// - styles: 'self' and 'unsafe-inline'. React renders style={{…}} as style attributes, the
//   maps carry an inline <style> element, ECharts styles its SVG and tooltips inline: a
//   nonce cannot cover attributes, and the injection risk of CSS is far below that of script.
// - images: the app's own, data: URLs (ECharts), and the tile server of MAP_TILE_URL if set.
// - object-src 'none' (no plugins; the dashboard map is an <iframe> of /dashboard/map.svg),
//   base-uri 'self', form-action 'self', frame-src 'self', frame-ancestors 'self' (only
//   Peitao frames Peitao: the map).
//
// Strict-Transport-Security only on a request that arrived over TLS: directly, or through a
// proxy trusted by TRUST_PROXY that says so in X-Forwarded-Proto (req.secure). Sent over
// plain HTTP it would be ignored by browsers and would mislead.

/** A year, with the subdomains of the host Peitao is served at (ASVS 14.4.5). */
export const HSTS = "max-age=31536000; includeSubDomains";

/** The origin of the map tile server in MAP_TILE_URL ("https://tiles.example/{z}/{x}/{y}.png"). */
export function tileOrigin(tileUrl: string | null): string | null {
  if (!tileUrl) return null;
  try {
    return new URL(tileUrl.replace(/\{[zxy]\}/g, "0")).origin;
  } catch {
    return null;
  }
}

/** The Content-Security-Policy of one response. */
export function contentSecurityPolicy(nonce: string, opts: { tileUrl?: string | null } = {}): string {
  const tiles = tileOrigin(opts.tileUrl ?? null);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${tiles ? ` ${tiles}` : ""}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'self'",
    "frame-ancestors 'self'",
  ].join("; ");
}

/**
 * The security headers of every response; the nonce is left in `res.locals.cspNonce` for
 * the page render (the load context carries it to app/entry.server.tsx).
 */
export function securityHeaders(opts: { tileUrl?: string | null } = {}): express.RequestHandler {
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, opts));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    // Browsers before frame-ancestors: no other site may frame Peitao; its own pages embed its map.
    res.setHeader("X-Frame-Options", "SAMEORIGIN");
    if (req.secure) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
}
