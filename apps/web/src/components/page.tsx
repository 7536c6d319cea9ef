import { type ReactNode, useEffect, useRef } from "react";

/**
 * A page: its title in the tab and as the heading, which takes the focus when the page opens,
 * so a screen reader announces where a link or a redirect led.
 */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · OTAS`;
    heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}

/** A message about what just happened (saved, sent), announced politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}
