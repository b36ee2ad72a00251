import { createContext, useContext } from "react";

/**
 * The response's Content-Security-Policy nonce, for the inline scripts Remix renders
 * (server/security-headers.ts). Set by app/entry.server.tsx; in the browser it is empty,
 * as browsers hide nonces from the page (the scripts it guards have run by then).
 */
export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
