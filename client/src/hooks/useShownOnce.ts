// Calls `onShown` once, the first time the element is actually on screen (in the
// visible tab, in the viewport, the window visible): an "opened" receipt.
import { useEffect, useRef, type RefObject } from "react";

export function useShownOnce(ref: RefObject<HTMLElement | null>, key: string, enabled: boolean, onShown: () => void): void {
  const reported = useRef(false);
  const callback = useRef(onShown);
  useEffect(() => {
    callback.current = onShown;
  });

  useEffect(() => {
    reported.current = false;
  }, [key]);

  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || reported.current) return;
    const report = () => {
      if (reported.current) return;
      reported.current = true;
      callback.current();
    };
    if (typeof IntersectionObserver === "undefined") {
      report();
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && document.visibilityState === "visible") {
        report();
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, key, enabled]);
}
