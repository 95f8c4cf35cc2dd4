// The polite aria-live region of the whole app and the `announce` function that fills
// it. The region exists from the first render so that screen readers pick up changes.
import { useCallback, useRef, useState, type ReactNode } from "react";
import { AnnounceContext } from "../hooks/useAnnounce";

export function LiveRegion({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const counter = useRef(0);
  const announce = useCallback((text: string) => {
    // A repeated identical sentence must still be read out: alternate a trailing
    // zero-width space so the text node really changes.
    counter.current += 1;
    setMessage(counter.current % 2 === 0 ? `${text}\u200B` : text);
  }, []);
  return (
    <AnnounceContext value={announce}>
      {children}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" role="status" data-testid="live-region">
        {message}
      </div>
    </AnnounceContext>
  );
}
