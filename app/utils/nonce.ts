import { createContext, useContext } from "react";

// The server renders inline scripts with this response's CSP nonce. Browsers hide a nonce
// from the DOM once parsed, so in the browser it is "" and React leaves the attribute be.
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
